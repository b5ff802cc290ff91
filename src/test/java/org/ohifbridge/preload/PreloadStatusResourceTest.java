package org.ohifbridge.preload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.Json;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cache.StudyDocuments;
import org.ohifbridge.config.Settings;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.Samples;
import org.ohifbridge.testing.TestSettings;
import org.ohifbridge.web.AdminResource;

/** The status route and the admin's backfill in-process: the JSON an admin's monitoring reads, field for field. */
class PreloadStatusResourceTest {
    final FakeOrthanc orthanc = new FakeOrthanc();
    final SkippedInstances skipped = new SkippedInstances();
    InstanceRecordStore records;
    StudyDocuments documents;
    PreloadService preload;
    BackfillService backfill;
    InProcessServer server;

    private void start(String... settingValues) {
        Settings settings = TestSettings.of(settingValues);
        records = new InstanceRecordStore(orthanc);
        documents = new StudyDocuments(orthanc, records, settings);
        preload = new PreloadService(settings, orthanc, records, skipped);
        backfill = new BackfillService(settings, orthanc, records, skipped);
        server = InProcessServer.at("/pacs")
                .resources(ctx -> List.of(new PreloadStatusResource(settings, preload, backfill, records, documents, skipped,
                                new org.ohifbridge.cluster.Leadership(new org.ohifbridge.cluster.Database(settings))),
                        new AdminResource(backfill, new org.ohifbridge.cluster.Leadership(
                                new org.ohifbridge.cluster.Database(settings)))))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        backfill.stop();
        preload.stop();
        records.stop();
    }

    @Test
    void atRestEveryCountIsThereInItsPlace() throws Exception {
        start();
        HttpResponse<byte[]> r = server.get("preload/status");
        assertEquals(200, r.statusCode());
        assertEquals("no-store", header(r, "Cache-Control"));
        assertEquals("{\"dataSource\":\"dicom-web\",\"preload\":{\"state\":\"off\",\"position\":-1,\"newestChange\":-1,"
                + "\"behind\":0,\"newInstancesSeen\":0},\"backfill\":{\"state\":\"idle\",\"done\":0,\"total\":0,"
                + "\"computed\":0,\"percent\":0.0},\"records\":{\"computed\":0,\"replaced\":0},\"studyDocumentsInMemory\":0,"
                + "\"dataFolder\":\"writable\",\"skipped\":{\"count\":0,\"instances\":[]},"
                + "\"replica\":\"single (no database)\"}",
                text(r));
    }

    @Test
    void theBackfillIsRefusedWithDicomWeb() throws Exception {
        start();
        HttpResponse<byte[]> refused = server.send("POST", "admin/backfill");
        assertEquals(409, refused.statusCode());
        assertEquals("{\"status\":409,\"error\":\"backfill runs only with DataSource=dicom-json\"}", text(refused));
    }

    @Test
    void theBackfillRunsToTheEndWithDicomJson() throws Exception {
        for (int i = 0; i < 5; i++) {
            orthanc.addInstance(Samples.BRAIN_STUDY,
                    Samples.instanceId(i), Golden.read("tags/mr-brain-brain_001.json"));
        }
        start("DataSource", "dicom-json", "BackfillRate", "1000");
        HttpResponse<byte[]> accepted = server.send("POST", "admin/backfill");
        assertEquals(202, accepted.statusCode());
        assertEquals("running", Json.MAPPER.readTree(accepted.body()).path("state").asText());
        assertTrue(Json.MAPPER.readTree(accepted.body()).has("etaSeconds"), text(accepted));
        JsonNode done = Await.value("the backfill's end", Duration.ofSeconds(20),
                () -> Json.MAPPER.readTree(server.get("preload/status").body()).path("backfill"),
                b -> b.path("state").asText().equals("done"));
        assertEquals(5, done.path("done").asInt(), done.toString());
        assertEquals(5, done.path("computed").asInt());
        assertEquals(100.0, done.path("percent").asDouble());
        assertEquals(5, orthanc.instanceMetadata.size(), "metadata 4202 written for each");
        assertTrue(done.has("started") && !done.has("ratePerSecond"), done.toString());
    }

    private JsonNode backfillDone() throws Exception {
        assertEquals(202, server.send("POST", "admin/backfill").statusCode());
        return Await.value("the backfill's end", Duration.ofSeconds(30),
                () -> Json.MAPPER.readTree(server.get("preload/status").body()),
                b -> b.path("backfill").path("state").asText().equals("done"));
    }

    @Test
    void aPoisonInstanceIsSkippedListedAndTriedAgainByTheNextPass() throws Exception {
        for (int i = 0; i < 5; i++) {
            orthanc.addInstance(Samples.BRAIN_STUDY, Samples.instanceId(i), Golden.read("tags/mr-brain-brain_001.json"));
        }
        orthanc.unreadable.add(Samples.instanceId(2));
        start("DataSource", "dicom-json", "BackfillRate", "1000");
        JsonNode status = backfillDone();
        assertEquals(4, orthanc.instanceMetadata.size(), "the others are done, the pass ended");
        assertEquals("{\"count\":1,\"instances\":[{\"instance\":\"" + Samples.instanceId(2)
                + "\",\"reason\":\"Orthanc answered HTTP 502 3 times\"}]}", status.path("skipped").toString());

        orthanc.unreadable.clear(); // its file is back
        status = backfillDone();
        assertEquals(5, orthanc.instanceMetadata.size());
        assertEquals(0, status.path("skipped").path("count").asInt(), status.toString());
    }

    @Test
    void instancesDeletedBeforeThePositionDuringAPassDoNotMakeItSkipOthers() throws Exception {
        int n = BackfillService.PAGE * 2;
        for (int i = 0; i < n; i++) {
            orthanc.addInstance(Samples.BRAIN_STUDY, Samples.instanceId(i), Golden.read("tags/mr-brain-brain_001.json"));
        }
        String trigger = Samples.instanceId(20);
        orthanc.beforeTags = id -> {
            if (id.equals(trigger)) { // during the first page, Orthanc's list loses 150 instances before the next
                for (int i = 0; i < 150; i++) {
                    orthanc.deleteInstance(Samples.BRAIN_STUDY, Samples.instanceId(i));
                }
            }
        };
        start("DataSource", "dicom-json", "BackfillRate", "10000");
        backfillDone();
        for (int i = 150; i < n; i++) {
            assertTrue(orthanc.instanceMetadata.containsKey(Samples.instanceId(i)), "instance " + i + " missed");
        }
    }

    @Test
    void aMalformedBackfillFileDoesNotStopTheDeployment() throws Exception {
        java.nio.file.Path folder = org.ohifbridge.testing.TempFolders.create("data-");
        java.nio.file.Files.writeString(folder.resolve("backfill.json"), "{\"orthanc\":\"http://127.0.0.1:8042\","
                + "\"state\":\"running\",\"offset\":-7,\"started\":\"yesterday\",\"last\":\"../x\"}");
        orthanc.addInstance(Samples.BRAIN_STUDY, Samples.instanceId(0), Golden.read("tags/mr-brain-brain_001.json"));
        start("DataSource", "dicom-json", "BackfillRate", "1000", "DataFolder", folder.toString());
        backfill.resume();
        JsonNode done = Await.value("the resumed pass's end", Duration.ofSeconds(20),
                () -> Json.MAPPER.readTree(server.get("preload/status").body()).path("backfill"),
                b -> b.path("state").asText().equals("done"));
        assertEquals(1, orthanc.instanceMetadata.size(), done.toString());
    }
}
