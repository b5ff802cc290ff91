package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.orthanc.OrthancNotFoundException;

class StudyDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY = "5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4";

    private final FakeOrthanc orthanc = new FakeOrthanc();
    private StudyDocuments documents;

    @BeforeEach
    void brainStudyOf40Slices() {
        // the two captured slices, cloned into 40 instances with distinct SOP Instance UIDs
        for (int i = 0; i < 40; i++) {
            ObjectNode tags = Golden.read("tags/mr-brain-brain_00" + (1 + i % 2) + ".json").deepCopy();
            tags.put("0008,0018", "1.2.3.4." + i);
            orthanc.addInstance(STUDY, String.format("%08x-00000000-00000000-00000000-00000000", i), tags);
        }
        documents = newWar();
    }

    @AfterEach
    void stop() {
        documents.stop();
    }

    private StudyDocuments newWar() {
        return new StudyDocuments(orthanc, new InstanceRecordStore(orthanc, Runnable::run), 4, 1 << 20);
    }

    @Test
    void coldOpenComputesAndStoresEveryRecordThenWarmOpensCostOneOrTwoCalls() throws Exception {
        StudyDocument cold = documents.get(STUDY);
        assertEquals(40, cold.instances());
        assertEquals(40, orthanc.calls.get("shortTags").get());
        assertEquals(40, orthanc.instanceMetadata.size(), "4202 written for every instance");
        assertTrue(orthanc.studyMetadata.containsKey(STUDY), "the assembled document kept in Orthanc");
        JsonNode doc = JSON.readTree(Gzip.decompress(cold.gzip(), 1 << 24));
        assertEquals(40, doc.path("studies").get(0).path("series").get(0).path("instances").size());

        orthanc.resetCalls();
        assertEquals(cold.etag(), documents.get(STUDY).etag());
        assertEquals(1, orthanc.calls(), "same WAR: only the instance list");

        StudyDocuments restarted = newWar();
        orthanc.resetCalls();
        StudyDocument warm = restarted.get(STUDY);
        assertEquals(cold.etag(), warm.etag());
        assertEquals(2, orthanc.calls(), "after a restart: the list and the stored document, whatever the size");
        restarted.stop();
    }

    @Test
    void recordsLeftByThePluginAreReusedNotRecomputed() {
        documents.get(STUDY);
        orthanc.studyMetadata.clear(); // a study the WAR never assembled, but whose 4202 entries exist
        StudyDocuments other = newWar();
        orthanc.resetCalls();
        other.get(STUDY);
        assertEquals(null, orthanc.calls.get("shortTags"), "no instance file read again");
        assertEquals(40, orthanc.calls.get("instanceMetadata").get());
        other.stop();
    }

    @Test
    void addingOrDeletingAnInstanceChangesTheNextAnswer() throws Exception {
        StudyDocument before = documents.get(STUDY);
        ObjectNode extra = Golden.read("tags/mr-brain-brain_001.json").deepCopy();
        extra.put("0008,0018", "1.2.3.4.999");
        orthanc.addInstance(STUDY, "ffffffff-00000000-00000000-00000000-00000000", extra);
        StudyDocument added = documents.get(STUDY);
        assertNotEquals(before.etag(), added.etag());
        assertEquals(41, added.instances());

        orthanc.deleteInstance(STUDY, "00000000-00000000-00000000-00000000-00000000");
        orthanc.deleteInstance(STUDY, "ffffffff-00000000-00000000-00000000-00000000");
        StudyDocument deleted = documents.get(STUDY);
        assertEquals(39, deleted.instances());
        String text = new String(Gzip.decompress(deleted.gzip(), 1 << 24));
        assertTrue(!text.contains("00000000-00000000-00000000-00000000-00000000/file"), "the deleted one is gone");
    }

    @Test
    void aCorruptRecordIsRecomputedAndReplaced() {
        documents.get(STUDY);
        String id = "00000005-00000000-00000000-00000000-00000000";
        orthanc.instanceMetadata.put(id, "garbage");
        orthanc.studyMetadata.clear();
        StudyDocuments other = newWar();
        orthanc.resetCalls();
        other.get(STUDY);
        assertEquals(1, orthanc.calls.get("shortTags").get());
        assertTrue(InstanceRecordCodec.decode(orthanc.instanceMetadata.get(id)).isPresent(), "replaced by a valid entry");
        other.stop();
    }

    @Test
    void anInstanceDeletedDuringAColdOpenIsLeftOut() {
        // its 4202 lookup finds nothing and its tags are gone: left out, as the plugin does
        orthanc.tags.remove("00000003-00000000-00000000-00000000-00000000");
        StudyDocument doc = documents.get(STUDY);
        assertEquals(39, doc.instances());
    }

    @Test
    void unknownStudy() {
        assertThrows(OrthancNotFoundException.class, () -> documents.get("00000000-11111111-22222222-33333333-44444444"));
    }

    @Test
    void concurrentColdOpensBuildOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Callable<StudyDocument>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> documents.get(STUDY));
            }
            List<String> etags = new ArrayList<>();
            for (Future<StudyDocument> f : clients.invokeAll(calls)) {
                etags.add(f.get().etag());
            }
            assertEquals(1, etags.stream().distinct().count());
            assertEquals(40, orthanc.calls.get("shortTags").get(), "one build, not six");
        } finally {
            clients.shutdownNow();
        }
    }
}
