package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.CapturedLog;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.TestSettings;

/** The audit's queue: requests are handled on its own thread, idle studies summarised by its sweep, all at undeploy. */
class AuditLogTest {
    static final Caller VIEWER = new Caller("viewer", List.of("ohif-viewer"), "10.1.2.3", "Chromium", "s1");

    CapturedLog log;

    @BeforeEach
    void listen() {
        log = CapturedLog.of(AuditLog.LOGGER);
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    private static AuditRequest metadataOf(String uid) {
        String path = "/dicom-web/studies/" + uid + "/metadata";
        return new AuditRequest(Instant.now(), System.nanoTime(), VIEWER, "GET", path, AuditRoutes.of(path).orElseThrow(),
                200, Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    private long count(String action) {
        return log.json().stream().filter(e -> e.path("action").asText().equals(action)).count();
    }

    @Test
    void theWorkerWritesTheEventsAndUndeploySummarisesWhatIsStillOpen() {
        AuditLog audit = new AuditLog(new FakeOrthanc(), TestSettings.of("AuditIdleSeconds", "300"));
        audit.start();
        audit.record(metadataOf("1.2.3"));
        audit.record(metadataOf("1.2.3"));
        Await.until("the study-open event", Duration.ofSeconds(10), () -> count("study-open") == 1);
        assertEquals(0, count("study-retrieved"), "open for 300 s");
        audit.stop();
        assertEquals(1, count("study-retrieved"), "written at undeploy");
        assertEquals("{\"metadata\":2}", log.json().get(1).path("requests").toString());
    }

    @Test
    void theSweepSummarisesAStudyOnceItIsIdle() {
        AuditLog audit = new AuditLog(new FakeOrthanc(), TestSettings.of("AuditIdleSeconds", "1"));
        audit.start();
        try {
            audit.record(metadataOf("1.2.5"));
            JsonNode summary = Await.value("the summary of the idle study", Duration.ofSeconds(10),
                    () -> log.json().stream().filter(e -> e.path("action").asText().equals("study-retrieved")).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertEquals("1.2.5", summary.path("study").asText());
        } finally {
            audit.stop();
        }
        assertEquals(1, count("study-retrieved"), "summarised once");
    }
}
