package org.ohifbridge.preload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ohifbridge.Json;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.config.Settings;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.Samples;
import org.ohifbridge.testing.TestSettings;

/** Preloading over an Orthanc in memory: where it starts, what it covers, where it resumes. */
class PreloadServiceTest {
    final FakeOrthanc orthanc = new FakeOrthanc();
    final InstanceRecordStore records = new InstanceRecordStore(orthanc);
    PreloadService preload;

    @TempDir
    Path data;

    private void add(int n) {
        orthanc.addInstance(Samples.BRAIN_STUDY, Samples.instanceId(n), Golden.read("tags/mr-brain-brain_001.json"));
    }

    final SkippedInstances skipped = new SkippedInstances();

    private PreloadService started() {
        Settings settings = TestSettings.of("DataSource", "dicom-json", "DataFolder", data.toString());
        PreloadService p = new PreloadService(settings, orthanc, records, skipped);
        p.start();
        return p;
    }

    private void awaitPosition(long position) {
        Await.until("preload at change " + position, Duration.ofSeconds(10),
                () -> preload.status().position() == position
                        && preload.status().state() == PreloadStatus.State.UP_TO_DATE);
    }

    @AfterEach
    void stop() {
        preload.stop();
        records.stop();
    }

    @Test
    void itStartsAtTheNewestChangeCoversWhatArrivesAndResumesAfterARestart() throws Exception {
        add(1);
        add(2);
        preload = started();
        awaitPosition(2);
        assertEquals(0, orthanc.instanceMetadata.size(), "what was there before is the backfill's job");

        add(3);
        add(4);
        awaitPosition(4);
        assertTrue(orthanc.instanceMetadata.keySet().containsAll(java.util.List.of(Samples.instanceId(3),
                Samples.instanceId(4))));
        assertEquals(2, preload.status().newInstancesSeen());

        preload.stop();
        assertEquals(PreloadStatus.State.OFF, preload.status().state());
        add(5); // arrives while the WAR is down
        preload = started();
        awaitPosition(5);
        assertTrue(orthanc.instanceMetadata.containsKey(Samples.instanceId(5)), "nothing missed across the restart");
        JsonNode saved = Json.MAPPER.readTree(Files.readString(data.resolve("preload.json")));
        assertEquals(5, saved.path("since").asLong());
        assertEquals(1, orthanc.calls("lastChange"), "the restart resumed from the saved position");
    }

    @Test
    void anInstanceOrthancCannotReadIsTriedThreeTimesThenSkippedAndListedAndTheRestGoesOn() {
        preload = started();
        awaitPosition(0);
        add(1);
        orthanc.unreadable.add(Samples.instanceId(2));
        add(2);
        add(3);
        awaitPosition(3);
        assertEquals(java.util.Set.of(Samples.instanceId(1), Samples.instanceId(3)), orthanc.instanceMetadata.keySet());
        assertEquals(java.util.List.of(new SkippedInstances.Skipped(Samples.instanceId(2),
                "Orthanc answered HTTP 502 3 times")), skipped.list());
        // 3 reads of its (missing) 4202 and 3 of its tags; the others once each
        assertEquals(3 + 2, orthanc.calls("shortTags"));
    }

    @Test
    void whileOrthancIsDownNothingIsSkippedThePageWaits() throws Exception {
        preload = started();
        awaitPosition(0);
        orthanc.up = false;
        orthanc.unreadable.add(Samples.instanceId(1));
        add(1);
        Await.until("a few attempts", Duration.ofSeconds(10), () -> orthanc.calls("shortTags") >= 2);
        assertEquals(PreloadStatus.State.WAITING_FOR_ORTHANC, preload.status().state());
        assertEquals(0, preload.status().position(), "the page is not passed");
        assertEquals(0, skipped.count());
        orthanc.unreadable.clear();
        orthanc.up = true;
        awaitPosition(1);
        assertTrue(orthanc.instanceMetadata.containsKey(Samples.instanceId(1)));
        assertEquals(0, skipped.count());
    }

    @Test
    void aDataFolderThatCannotBeWrittenLeavesThePositionInMemoryAndSaysDegradedUntilItCanAgain() throws Exception {
        Path blocker = data.resolve("preload.json.tmp");
        Files.createDirectories(blocker); // the temporary file cannot be written while a folder has its name
        preload = started();
        awaitPosition(0);
        add(1);
        awaitPosition(1);
        assertTrue(orthanc.instanceMetadata.containsKey(Samples.instanceId(1)), "the preload carries on");
        assertTrue(preload.degraded());
        assertFalse(Files.exists(data.resolve("preload.json")));
        Files.delete(blocker);
        add(2);
        awaitPosition(2);
        assertFalse(preload.degraded(), "writable again");
        assertEquals(2, Json.MAPPER.readTree(Files.readString(data.resolve("preload.json"))).path("since").asLong());
    }

    @Test
    void aMalformedPositionFileIsIgnoredNotFatal() throws Exception {
        Files.writeString(data.resolve("preload.json"), "{\"orthanc\": [1, 2], \"since\": \"x");
        add(1);
        preload = started();
        awaitPosition(1);
        assertEquals(1, orthanc.calls("lastChange"), "started afresh from Orthanc's newest change");
    }

    @Test
    void withDicomWebItDoesNotRun() {
        preload = new PreloadService(TestSettings.of("DataFolder", data.toString()), orthanc, records, new SkippedInstances());
        preload.start();
        assertEquals(PreloadStatus.State.OFF, preload.status().state());
        assertEquals(0, orthanc.calls(), "not a single call to Orthanc");
    }
}
