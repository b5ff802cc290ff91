package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.Json;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.orthanc.OrthancNotFoundException;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.Samples;
import org.ohifbridge.testing.TestSettings;

class StudyDocumentsTest {

    private final FakeOrthanc orthanc = new FakeOrthanc();
    private final List<StudyDocuments> wars = new ArrayList<>();
    private final List<InstanceRecordStore> stores = new ArrayList<>();
    private StudyDocuments documents;

    @BeforeEach
    void brainStudyOf40Slices() {
        // the two captured slices, cloned into 40 instances with distinct SOP Instance UIDs
        for (int i = 0; i < 40; i++) {
            ObjectNode tags = Golden.read("tags/mr-brain-brain_00" + (1 + i % 2) + ".json").deepCopy();
            tags.put("0008,0018", "1.2.3.4." + i);
            orthanc.addInstance(Samples.BRAIN_STUDY, Samples.instanceId(i), tags);
        }
        documents = newWar();
    }

    @AfterEach
    void stop() {
        wars.forEach(StudyDocuments::stop);
        stores.forEach(InstanceRecordStore::stop);
    }

    /** A WAR that just started: the beans as CDI makes them, 4 study threads, 1 MB of documents in memory. */
    private StudyDocuments newWar() {
        InstanceRecordStore records = new InstanceRecordStore(orthanc);
        StudyDocuments war = new StudyDocuments(orthanc, records,
                TestSettings.of("StudyThreads", "4", "StudyCacheMegabytes", "1"));
        stores.add(records);
        wars.add(war);
        return war;
    }

    private StudyDocument open(StudyDocuments war) {
        return war.current(Samples.BRAIN_STUDY).document();
    }

    /** The records a cold open computed are written back after its answer, on the write-behind threads. */
    private void awaitWriteBehind(int records) {
        Await.until(records + " records written back", Duration.ofSeconds(10),
                () -> orthanc.instanceMetadata.size() == records && orthanc.calls("putInstanceMetadata") >= records);
    }

    @Test
    void coldOpenComputesAndStoresEveryRecordThenWarmOpensCostOneOrTwoCalls() throws Exception {
        StudyDocument cold = open(documents);
        assertEquals(40, cold.instances());
        assertEquals(40, orthanc.calls("shortTags"));
        awaitWriteBehind(40); // 4202 written for every instance
        assertTrue(orthanc.studyMetadata.containsKey(Samples.BRAIN_STUDY), "the assembled document kept in Orthanc");
        JsonNode doc = Json.MAPPER.readTree(Gzip.decompress(cold.gzip(), 1 << 24));
        assertEquals(40, doc.path("studies").get(0).path("series").get(0).path("instances").size());

        orthanc.resetCalls();
        assertEquals(cold.etag(), open(documents).etag());
        assertEquals(1, orthanc.calls(), "same WAR: only the instance list");

        StudyDocuments restarted = newWar();
        orthanc.resetCalls();
        StudyDocument warm = open(restarted);
        assertEquals(cold.etag(), warm.etag());
        assertEquals(2, orthanc.calls(), "after a restart: the list and the stored document, whatever the size");
    }

    @Test
    void theDocumentNamesItsStudyAndTheInstancesListedNow() {
        String uid = Golden.read("tags/mr-brain-brain_001.json").path("0020,000d").asText();
        CurrentDocument cold = documents.current(Samples.BRAIN_STUDY);
        assertEquals(uid, cold.document().studyUid());
        assertEquals(40, cold.instanceIds().size());
        assertEquals("00000027-00000000-00000000-00000000-00000000", cold.instanceIds().get(39), "in Orthanc's order");
        awaitWriteBehind(40);
        assertEquals(uid, newWar().current(Samples.BRAIN_STUDY).document().studyUid(), "kept with the stored document (4203)");
    }

    @Test
    void recordsLeftByThePluginAreReusedNotRecomputed() {
        open(documents);
        awaitWriteBehind(40);
        orthanc.studyMetadata.clear(); // a study the WAR never assembled, but whose 4202 entries exist
        StudyDocuments other = newWar();
        orthanc.resetCalls();
        open(other);
        assertEquals(0, orthanc.calls("shortTags"), "no instance file read again");
        assertEquals(40, orthanc.calls("instanceMetadata"));
    }

    @Test
    void addingOrDeletingAnInstanceChangesTheNextAnswer() throws Exception {
        StudyDocument before = open(documents);
        ObjectNode extra = Golden.read("tags/mr-brain-brain_001.json").deepCopy();
        extra.put("0008,0018", "1.2.3.4.999");
        orthanc.addInstance(Samples.BRAIN_STUDY, "ffffffff-00000000-00000000-00000000-00000000", extra);
        StudyDocument added = open(documents);
        assertNotEquals(before.etag(), added.etag());
        assertEquals(41, added.instances());

        orthanc.deleteInstance(Samples.BRAIN_STUDY, "00000000-00000000-00000000-00000000-00000000");
        orthanc.deleteInstance(Samples.BRAIN_STUDY, "ffffffff-00000000-00000000-00000000-00000000");
        StudyDocument deleted = open(documents);
        assertEquals(39, deleted.instances());
        String text = new String(Gzip.decompress(deleted.gzip(), 1 << 24));
        assertTrue(!text.contains("00000000-00000000-00000000-00000000-00000000/file"), "the deleted one is gone");
    }

    @Test
    void aCorruptRecordIsRecomputedAndReplaced() {
        open(documents);
        awaitWriteBehind(40);
        String id = "00000005-00000000-00000000-00000000-00000000";
        orthanc.instanceMetadata.put(id, "garbage");
        orthanc.studyMetadata.clear();
        StudyDocuments other = newWar();
        orthanc.resetCalls();
        open(other);
        assertEquals(1, orthanc.calls("shortTags"));
        Await.until("the corrupt entry replaced by a valid one", Duration.ofSeconds(10),
                () -> InstanceRecordCodec.decode(orthanc.instanceMetadata.get(id)).isPresent());
    }

    @Test
    void anInstanceDeletedDuringAColdOpenIsLeftOut() {
        // its 4202 lookup finds nothing and its tags are gone: left out, as the plugin does
        orthanc.tags.remove("00000003-00000000-00000000-00000000-00000000");
        StudyDocument doc = open(documents);
        assertEquals(39, doc.instances());
    }

    @Test
    void unknownStudy() {
        assertThrows(OrthancNotFoundException.class, () -> documents.current("00000000-11111111-22222222-33333333-44444444"));
    }

    @Test
    void concurrentColdOpensBuildOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Callable<StudyDocument>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> open(documents));
            }
            List<String> etags = new ArrayList<>();
            for (Future<StudyDocument> f : clients.invokeAll(calls)) {
                etags.add(f.get().etag());
            }
            assertEquals(1, etags.stream().distinct().count());
            assertEquals(40, orthanc.calls("shortTags"), "one build, not six");
        } finally {
            clients.shutdownNow();
        }
    }
}
