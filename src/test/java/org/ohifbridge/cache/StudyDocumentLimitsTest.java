package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.Json;
import org.ohifbridge.dicomjson.DocumentTooLarge;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.orthanc.OrthancTimeoutException;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.Gate;
import org.ohifbridge.testing.GzipBombs;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.Samples;
import org.ohifbridge.testing.TestSettings;

/**
 * What one study document may cost, whatever the study or the stored metadata holds: frames and entries capped before
 * anything is built, builds a few at a time with a queue and a deadline, stored documents checked without inflating.
 */
class StudyDocumentLimitsTest {
    static final String OTHER_STUDY = "11111111-22222222-33333333-44444444-55555555";
    static final Duration BOUND = Duration.ofSeconds(10);

    final FakeOrthanc orthanc = new FakeOrthanc();
    final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() {
        cleanup.forEach(Runnable::run);
    }

    private StudyDocuments war(String... settings) {
        InstanceRecordStore records = new InstanceRecordStore(orthanc);
        StudyDocuments documents = new StudyDocuments(orthanc, records, TestSettings.of(settings));
        cleanup.add(documents::stop);
        cleanup.add(records::stop);
        return documents;
    }

    private void addSlices(String study, int n, int frames) {
        for (int i = 0; i < n; i++) {
            ObjectNode tags = Golden.read("tags/mr-brain-brain_001.json").deepCopy();
            tags.put("0008,0018", "1.2.3.4." + study.charAt(0) + "." + i);
            tags.put("0020,000d", "1.2.3." + study.charAt(0));
            if (frames > 1) {
                tags.put("0028,0008", Integer.toString(frames));
            }
            orthanc.addInstance(study, (study.substring(0, 9) + Samples.instanceId(i).substring(9)), tags);
        }
    }

    @Test
    void anAbsurdNumberOfFramesIsRefusedAtOnceNamingTheCapAndNotReadAgain() {
        addSlices(Samples.BRAIN_STUDY, 2, 1);
        addSlices(OTHER_STUDY, 1, Integer.MAX_VALUE);
        orthanc.studies.get(Samples.BRAIN_STUDY).addAll(orthanc.studies.get(OTHER_STUDY));
        StudyDocuments documents = war();
        DocumentTooLarge e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(DocumentTooLarge.class, () -> documents.current(Samples.BRAIN_STUDY)));
        assertEquals(DocumentTooLarge.Cap.FRAMES_PER_INSTANCE, e.cap());
        assertEquals(10_000, e.limit());
        assertTrue(e.getMessage().contains("2147483647 frames"), e.getMessage());
        int reads = orthanc.calls("instanceMetadata");
        assertThrows(DocumentTooLarge.class, () -> documents.current(Samples.BRAIN_STUDY));
        assertEquals(reads, orthanc.calls("instanceMetadata"), "the refusal is remembered for the same instances");
        assertFalse(orthanc.studyMetadata.containsKey(Samples.BRAIN_STUDY), "nothing stored");
    }

    @Test
    void aWholeSlideSizedInstanceIsRefusedByTheEntryCapWhenItsFramesAreAllowed() {
        addSlices(Samples.BRAIN_STUDY, 1, 150_000);
        DocumentTooLarge e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DocumentTooLarge.class,
                () -> war("MaxFramesPerInstance", "200000").current(Samples.BRAIN_STUDY)));
        assertEquals(DocumentTooLarge.Cap.ENTRIES, e.cap());
        assertEquals(50_000, e.limit());
    }

    @Test
    void moreInstancesThanEntriesIsRefusedBeforeAnyRecordIsRead() {
        addSlices(Samples.BRAIN_STUDY, 6, 1);
        assertThrows(DocumentTooLarge.class, () -> war("MaxDocumentEntries", "5").current(Samples.BRAIN_STUDY));
        assertEquals(0, orthanc.calls("instanceMetadata") + orthanc.calls("shortTags"));
    }

    @Test
    void recordsBeyondTheBuildBudgetAreRefusedNamingTheSetting() {
        addSlices(Samples.BRAIN_STUDY, 20, 1);
        String large = "x".repeat(100_000); // 20 summaries of about 100 KB: 2 MB, more than the 1 MB budget
        orthanc.studies.get(Samples.BRAIN_STUDY).forEach(i -> ((ObjectNode) orthanc.tags.get(i.id())).put("0008,103e", large));
        StudyDocuments documents = war("StudyBuildMegabytes", "1");
        DocumentTooLarge e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(DocumentTooLarge.class, () -> documents.current(Samples.BRAIN_STUDY)));
        assertEquals(DocumentTooLarge.Cap.RECORD_BYTES, e.cap());
        assertEquals(1 << 20, e.limit());
        assertTrue(e.getMessage().contains("(StudyBuildMegabytes)"), e.getMessage());
        int reads = orthanc.calls("instanceMetadata");
        assertThrows(DocumentTooLarge.class, () -> documents.current(Samples.BRAIN_STUDY));
        assertEquals(reads, orthanc.calls("instanceMetadata"), "the refusal is remembered");
        assertFalse(orthanc.studyMetadata.containsKey(Samples.BRAIN_STUDY), "nothing stored");

        // the same study within a budget that holds it: built, the large value kept
        assertEquals(20, war("StudyBuildMegabytes", "4").current(Samples.BRAIN_STUDY).document().instances());
    }

    @Test
    void withinTheCapsAMultiFrameInstanceBecomesOneEntryPerFrame() throws Exception {
        addSlices(Samples.BRAIN_STUDY, 1, 3_000);
        StudyDocument doc = war().current(Samples.BRAIN_STUDY).document();
        byte[] json = Gzip.decompress(doc.gzip(), 1 << 28);
        assertEquals(json.length, doc.jsonLength());
        assertEquals(3_000, Json.MAPPER.readTree(json).path("studies").get(0).path("series").get(0).path("instances")
                .size());
        assertTrue(doc.gzip().length < json.length / 20, "repeated entries compress: " + doc.gzip().length);
    }

    @Test
    void buildsBeyondTheSlotsAndTheQueueAreTurnedAwayWhileOthersWait() throws Exception {
        addSlices(Samples.BRAIN_STUDY, 2, 1);
        addSlices(OTHER_STUDY, 2, 1);
        Gate gate = new Gate();
        cleanup.add(gate::open);
        orthanc.beforeTags = gate.holding(id -> id.startsWith(Samples.BRAIN_STUDY.substring(0, 9)));
        StudyDocuments documents = war("StudyBuilds", "1", "StudyBuildQueue", "0");
        CompletableFuture<CurrentDocument> slow = CompletableFuture.supplyAsync(() -> documents.current(Samples.BRAIN_STUDY));
        assertTrue(gate.entered());
        assertThrows(BuildGate.Busy.class, () -> documents.current(OTHER_STUDY), "no slot, no room to wait");
        gate.open();
        assertEquals(2, slow.get(10, TimeUnit.SECONDS).document().instances());
        assertEquals(2, documents.current(OTHER_STUDY).document().instances(), "the slot is free again");
    }

    @Test
    void aBuildAndAWaitForItEndWithinTheBuildTimeout() throws Exception {
        addSlices(Samples.BRAIN_STUDY, 2, 1);
        Gate gate = new Gate();
        orthanc.beforeTags = gate.holding(id -> true);
        try (gate) {
            StudyDocuments documents = war("StudyBuildTimeout", "500");
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> failure(documents));
            Await.until("the first build started", BOUND, () -> orthanc.calls("shortTags") > 0);
            Throwable waiter = assertTimeoutPreemptively(BOUND, () -> failure(documents));
            assertTrue(waiter instanceof OrthancTimeoutException, String.valueOf(waiter));
            assertTrue(first.get(10, TimeUnit.SECONDS) instanceof OrthancTimeoutException);
        }
    }

    private static Throwable failure(StudyDocuments documents) {
        try {
            documents.current(Samples.BRAIN_STUDY);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void storedDocumentsThatAreCorruptOfAnotherStudyOrBombsAreIgnoredAndRebuilt() throws Exception {
        addSlices(Samples.BRAIN_STUDY, 2, 1);
        addSlices(OTHER_STUDY, 1, 1);
        StudyDocuments first = war();
        StudyDocument good = first.current(Samples.BRAIN_STUDY).document();
        String stored = orthanc.studyMetadata.get(Samples.BRAIN_STUDY);
        assertTrue(StudyDocumentCodec.decode(stored, good.key()).isPresent());
        String otherStored = StudyDocumentCodec.encode(first.current(OTHER_STUDY).document());

        // a flipped byte in the payload: the checksum does not match
        char[] c = stored.toCharArray();
        c[c.length - 10] = c[c.length - 10] == 'A' ? 'B' : 'A';
        assertFalse(StudyDocumentCodec.decode(new String(c), good.key()).isPresent());
        // another study's document: its key is not this study's
        assertFalse(StudyDocumentCodec.decode(otherStored, good.key()).isPresent());
        // a bomb with the right key and a valid checksum: 2 GB of zeros declared in its trailer
        byte[] bomb = GzipBombs.zeros(2L << 30);
        String planted = "ohif-bridge-study;" + good.key() + ";2;1.2.3;" + Gzip.checksum(bomb) + ";"
                + Base64.getEncoder().encodeToString(bomb);
        assertFalse(StudyDocumentCodec.decode(planted, good.key()).isPresent());

        orthanc.studyMetadata.put(Samples.BRAIN_STUDY, planted);
        int tagsBefore = orthanc.calls("instanceMetadata");
        StudyDocument rebuilt = war().current(Samples.BRAIN_STUDY).document();
        assertEquals(good.key(), rebuilt.key());
        assertTrue(orthanc.calls("instanceMetadata") > tagsBefore, "built again from the records");
        assertTrue(StudyDocumentCodec.decode(orthanc.studyMetadata.get(Samples.BRAIN_STUDY), good.key()).isPresent(),
                "the planted entry was replaced");
    }

    @Test
    void overHttpThe413NamesTheSettingAndSuggestsDicomWebAndA503SaysWhenToComeBack() throws Exception {
        addSlices(Samples.BRAIN_STUDY, 1, 20_000);
        addSlices(OTHER_STUDY, 1, 1);
        String blocked = Samples.instanceId(7);
        orthanc.addInstance("22222222-22222222-33333333-44444444-55555555", blocked,
                Golden.read("tags/mr-brain-brain_001.json"));
        Gate gate = new Gate();
        cleanup.add(gate::open);
        orthanc.beforeTags = gate.holding(blocked::equals);
        StudyDocuments documents = war("StudyBuilds", "1", "StudyBuildQueue", "0");
        try (InProcessServer server = InProcessServer.at("/pacs")
                .resources(ctx -> List.of(new StudyDocumentResource(documents, new org.ohifbridge.access.StudyGate(null)))).start()) {
            HttpResponse<byte[]> r = server.get("studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json");
            assertEquals(413, r.statusCode());
            assertEquals("application/json", header(r, "Content-Type"));
            String body = text(r);
            assertTrue(body.contains("MaxFramesPerInstance") && body.contains("dicom-web") && body.contains("20000"),
                    body);
            assertFalse(body.contains("Exception") || body.contains("at org."), body);

            CompletableFuture<HttpResponse<byte[]>> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.get("studies/22222222-22222222-33333333-44444444-55555555/ohif-dicom-json");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(gate.entered(), "a build holds the only slot");
            HttpResponse<byte[]> busy = server.get("studies/" + OTHER_STUDY + "/ohif-dicom-json");
            assertEquals(503, busy.statusCode(), text(busy));
            assertEquals("5", header(busy, "Retry-After"));
            gate.open();
            assertEquals(200, slow.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, server.get("studies/" + OTHER_STUDY + "/ohif-dicom-json").statusCode());
        }
    }
}
