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
    InstanceRecordStore records;
    StudyDocuments documents;
    PreloadService preload;
    BackfillService backfill;
    InProcessServer server;

    private void start(String... settingValues) {
        Settings settings = TestSettings.of(settingValues);
        records = new InstanceRecordStore(orthanc);
        documents = new StudyDocuments(orthanc, records, settings);
        preload = new PreloadService(settings, orthanc, records);
        backfill = new BackfillService(settings, orthanc, records);
        server = InProcessServer.at("/pacs")
                .resources(ctx -> List.of(new PreloadStatusResource(settings, preload, backfill, records, documents),
                        new AdminResource(backfill)))
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
                + "\"computed\":0,\"percent\":0.0},\"records\":{\"computed\":0,\"replaced\":0},\"studyDocumentsInMemory\":0}",
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
}
