package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ohifbridge.testing.InProcessServer.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.FilterSequence;
import org.ohifbridge.security.SignOnFilter;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.CapturedLog;
import org.ohifbridge.testing.Echo;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.TestSettings;

/** The audit and sign-on filters in one registration, as BridgeStartup makes it: which requests become which events. */
class AuditFilterTest {
    CapturedLog log;
    AuditLog audit;
    InProcessServer server;

    private void start(String... settingValues) {
        log = CapturedLog.of(AuditLog.LOGGER);
        Settings settings = TestSettings.of(settingValues);
        audit = new AuditLog(new FakeOrthanc(), settings);
        audit.start();
        server = InProcessServer.at("/pacs")
                .user("viewer", "viewer-pw", "ohif-viewer")
                .filter(ctx -> new FilterSequence(new AuditFilter(audit, settings), new SignOnFilter(settings, ctx, new org.ohifbridge.access.EmergencyGrants(settings))), "/*")
                .resources(ctx -> List.of(new Echo()))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        audit.stop();
        log.close();
    }

    private JsonNode await(String action, int count) {
        return Await.value(count + " event(s) " + action, Duration.ofSeconds(10),
                () -> log.json().stream().filter(e -> e.path("action").asText().equals(action)).toList(),
                l -> l.size() >= count).get(count - 1);
    }

    @Test
    void aStudyOpenNamesTheClientBehindATrustedProxyButNeverTheSessionId() throws Exception {
        start("SignOn", "anonymous", "TrustedProxies", "127.0.0.1");
        server.get("ohif/app.bundle.js"); // not followed
        server.get("dicom-web/studies/1.2.3/series/1.4/metadata", "X-Forwarded-For", "10.9.8.7, 127.0.0.1",
                "User-Agent", "Chromium-test");
        JsonNode open = await("study-open", 1);
        assertEquals("1.2.3", open.path("study").asText());
        assertEquals("anonymous", open.path("user").asText());
        assertEquals("10.9.8.7", open.path("client").asText());
        assertEquals("Chromium-test", open.path("userAgent").asText());
        assertEquals("metadata", open.path("via").asText());
        assertEquals(200, open.path("outcome").asInt());
        assertEquals(16, open.path("session").asText().length(), "a hash");
        assertEquals(1, log.json().size(), "the OHIF file is not an event: " + log.lines());
    }

    @Test
    void searchesCarryTheirQueryAndRefusalsAreDenied() throws Exception {
        start("SignOn", "anonymous");
        server.get("dicom-web/studies?PatientName=DOE*");
        assertEquals("PatientName=DOE*", await("search", 1).path("query").asText());
        server.send("POST", "dicom-web/studies", "Origin", "https://evil.example");
        JsonNode denied = await("denied", 1);
        assertEquals("POST", denied.path("method").asText());
        assertEquals("/dicom-web/studies", denied.path("path").asText());
        assertEquals(403, denied.path("outcome").asInt());
    }

    @Test
    void theSignedOnUserAndRolesComeFromTheSignOnFilter() throws Exception {
        start("SignOn", "container");
        server.get("dicom-web/studies/1.2.9/metadata", "Authorization", basic("viewer", "viewer-pw"));
        JsonNode open = await("study-open", 1);
        assertEquals("viewer", open.path("user").asText());
        assertEquals("[\"ohif-viewer\"]", open.path("roles").toString());
        server.get("dicom-web/studies/1.2.9/metadata");
        JsonNode denied = await("denied", 1);
        assertEquals(401, denied.path("outcome").asInt());
        assertEquals("1.2.9", denied.path("study").asText());
    }
}
