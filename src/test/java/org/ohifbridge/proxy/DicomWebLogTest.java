package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancClient;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.StubOrthanc;
import org.ohifbridge.testing.TestSettings;

/** A search may hold a patient's name: whatever fails, the name never reaches a log line or an error body. */
class DicomWebLogTest {
    StubOrthanc orthanc;
    OrthancClient client;
    InProcessServer server;

    void start(OrthancApi api, Settings settings) {
        server = InProcessServer.at("/pacs")
                .connector("relaxedQueryChars", "^|")
                .filter(ctx -> new RawAcceptFilter(), "/dicom-web/*", "/instances/*")
                .resources(ctx -> List.of(new DicomWebResource(api, new PublicPaths(settings), new org.ohifbridge.access.StudyGate(api))))
                .start();
    }

    void startWithStub() {
        orthanc = StubOrthanc.answering(seen -> {
            if (seen.pathAndQuery().contains("SLOW")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = seen.pathAndQuery().contains("MISSING") ? 404 : 500;
            return new StubOrthanc.Answer(status, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        });
        Settings settings = TestSettings.of("OrthancUrl", orthanc.url(), "OrthancReadTimeout", "500");
        client = new OrthancClient(settings);
        start(new OrthancApi(client), settings);
    }

    @AfterEach
    void stop() {
        server.close();
        if (client != null) {
            client.close();
            orthanc.close();
        }
    }

    private RawRequest get(String target) throws Exception {
        return RawRequest.get(server.uri(""), "/pacs/dicom-web/" + target);
    }

    @Test
    void aFailingSearchLeavesNoPatientNameInTheLog() throws Exception {
        startWithStub();
        try (FormattedLog log = FormattedLog.capture()) {
            RawRequest raw = get("studies?PatientName=DOE^JOHN&limit=10");
            RawRequest encoded = get("studies?PatientName=DOE%5EJOHN");
            assertEquals(502, raw.status());
            assertEquals("{\"status\":502,\"error\":\"Orthanc is unavailable\"}", encoded.text());
            assertFalse(log.text().contains("DOE"), log.text());
            assertFalse(log.text().contains("JOHN"), log.text());
            assertTrue(log.text().contains("Orthanc failed with HTTP 500 on dicom-web/studies?…"),
                    "the failure is still logged: " + log.text());
        }
        assertEquals(2, orthanc.seen.size(), "both searches reached Orthanc");
    }

    @Test
    void aSearchThatTimesOutOrFindsNothingLeavesNoPatientNameInTheLog() throws Exception {
        startWithStub();
        try (FormattedLog log = FormattedLog.capture()) {
            assertEquals(404, get("studies/1.2/series?PatientName=MISSING^DOE").status());
            RawRequest slow = get("studies?PatientName=SLOW^DOE"); // last: the stub answers one request at a time
            assertEquals(504, slow.status(), slow.text());
            assertTrue(log.text().contains("Orthanc did not answer in time"), log.text());
            assertFalse(log.text().contains("DOE"), log.text());
        }
    }
}
