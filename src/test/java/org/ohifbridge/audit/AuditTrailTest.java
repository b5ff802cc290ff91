package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.Json;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancNotFoundException;
import org.ohifbridge.testing.CapturedLog;

/** What requests mean for the audit trail: the events {@link AuditTrail} writes, and the Orthanc calls it makes. */
class AuditTrailTest {
    static final String STUDY_ID = "11111111-11111111-11111111-11111111-11111111";
    static final String INSTANCE_1 = "aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa";
    static final String INSTANCE_2 = "bbbbbbbb-bbbbbbbb-bbbbbbbb-bbbbbbbb-bbbbbbbb";
    static final Caller VIEWER = new Caller("viewer", List.of("ohif-viewer"), "10.1.2.3", "Chromium", "s1");

    final List<String> orthancCalls = new ArrayList<>();
    CapturedLog log;
    /** Orthanc knows one study with two instances. */
    final OrthancApi orthanc = new OrthancApi(null) {
        @Override
        public String studyUid(String studyId) {
            orthancCalls.add("study " + studyId);
            if (!studyId.equals(STUDY_ID)) {
                throw new OrthancNotFoundException("unknown");
            }
            return "1.2.3";
        }

        @Override
        public String studyUidOfInstance(String instanceId) {
            orthancCalls.add("parent " + instanceId);
            return "9.9.9";
        }
    };
    final AuditTrail trail = new AuditTrail(new StudyLookup(orthanc), new StudyTallies<>(Duration.ofSeconds(300), 50_000));
    long nanos;

    @BeforeEach
    void listen() {
        log = CapturedLog.of(AuditLog.LOGGER);
    }

    @AfterEach
    void stop() {
        log.close();
    }

    private void request(Caller c, String path, int status) {
        request(trail, c, path, status, List.of(), List.of());
    }

    /** @param studies and instances: what a served study document tells the audit (its {@link AuditNote}) */
    private void request(AuditTrail t, Caller c, String path, int status, List<String> studies, List<String> instances) {
        AuditRoutes.Route route = AuditRoutes.of(path).orElse(null);
        t.handle(new AuditRequest(Instant.parse("2026-12-01T08:00:00Z"), nanos += 1_000_000, c, "GET", path,
                route, status, Optional.empty(), Optional.empty(), studies, instances, Optional.empty()));
    }

    private List<JsonNode> events(String action) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : log.lines()) {
            assertFalse(l.contains("\n"), "one line per event: " + l);
            JsonNode e = Json.MAPPER.readTree(l);
            assertEquals(AuditLog.SCHEMA, e.path("schema").asText());
            if (e.path("action").asText().equals(action)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aDicomJsonReadingSessionIsOneOpenAndOneSummary() throws Exception {
        request(trail, VIEWER, "/studies/" + STUDY_ID + "/ohif-dicom-json", 200, List.of("1.2.3"),
                List.of(INSTANCE_1, INSTANCE_2));
        for (int i = 0; i < 30; i++) {
            request(VIEWER, "/instances/" + (i % 2 == 0 ? INSTANCE_1 : INSTANCE_2) + "/file", 200);
        }
        List<JsonNode> opens = events("study-open");
        assertEquals(1, opens.size(), log.lines().toString());
        JsonNode open = opens.get(0);
        assertEquals("1.2.3", open.path("study").asText());
        assertEquals(STUDY_ID, open.path("orthancStudy").asText());
        assertEquals("viewer", open.path("user").asText());
        assertEquals("[\"ohif-viewer\"]", open.path("roles").toString());
        assertEquals("10.1.2.3", open.path("client").asText());
        assertEquals("Chromium", open.path("userAgent").asText());
        assertEquals("document", open.path("via").asText());
        assertEquals(200, open.path("outcome").asInt());
        assertEquals(List.of(), orthancCalls, "the document told the study and its files: Orthanc is not asked");

        trail.drain(); // undeploy: every open study is summarised
        List<JsonNode> summaries = events("study-retrieved");
        assertEquals(1, summaries.size(), log.lines().toString());
        assertEquals("{\"document\":1,\"files\":30}", summaries.get(0).path("requests").toString());
        assertEquals(0, summaries.get(0).path("failures").asInt());
    }

    @Test
    void aFileMetWithoutItsDocumentIsLookedUpOnce() throws Exception {
        request(VIEWER, "/instances/" + INSTANCE_1 + "/file", 200);
        request(VIEWER, "/instances/" + INSTANCE_1 + "/file", 200);
        assertEquals(List.of("parent " + INSTANCE_1), orthancCalls);
        assertEquals("9.9.9", events("study-open").get(0).path("study").asText());
    }

    @Test
    void whenOrthancFailsALookupTheNextOnesWait() throws Exception {
        AuditTrail down = new AuditTrail(new StudyLookup(new OrthancApi(null) {
            @Override
            public String studyUidOfInstance(String instanceId) {
                orthancCalls.add("parent " + instanceId);
                throw new org.ohifbridge.orthanc.OrthancUnavailableException("Orthanc is unavailable", null);
            }
        }), new StudyTallies<>(Duration.ofSeconds(300), 50_000));
        for (String id : List.of(INSTANCE_1, INSTANCE_2, STUDY_ID)) {
            request(down, VIEWER, "/instances/" + id + "/file", 200, List.of(), List.of());
        }
        assertEquals(List.of("parent " + INSTANCE_1), orthancCalls, "one failed lookup pauses the others");
        List<JsonNode> opens = events("study-open");
        assertEquals(3, opens.size(), "each file is still recorded, by its Orthanc id");
        assertEquals(INSTANCE_2, opens.get(1).path("orthancInstance").asText());
    }

    @Test
    void anotherSessionOpensAgainAndAFailedFirstRequestIsReportedThenTheSuccess() throws Exception {
        request(VIEWER, "/dicom-web/studies/1.2.3/series/1.4/metadata", 502);
        request(VIEWER, "/dicom-web/studies/1.2.3/series/1.4/metadata", 200);
        request(VIEWER, "/dicom-web/studies/1.2.3/series/1.4/instances/1.5/frames/1", 200);
        Caller other = new Caller("admin", List.of(), "10.9.9.9", "Firefox", "s2");
        request(other, "/dicom-web/studies/1.2.3/metadata", 200);
        List<JsonNode> opens = events("study-open");
        assertEquals(3, opens.size(), log.lines().toString());
        assertEquals(502, opens.get(0).path("outcome").asInt());
        assertEquals(200, opens.get(1).path("outcome").asInt());
        assertEquals("admin", opens.get(2).path("user").asText());
        assertTrue(orthancCalls.isEmpty(), "DICOMweb paths name the study UID: " + orthancCalls);
    }

    @Test
    void refusalsAreDeniedEventsAndUnknownIdsAreNamedAsTheyCame() throws Exception {
        Caller nobody = new Caller("anonymous", List.of(), "10.1.2.3", "curl", "c1");
        request(nobody, "/dicom-web/studies/1.2.3/metadata", 401);
        request(nobody, "/ohif/viewer", 403);
        List<JsonNode> denied = events("denied");
        assertEquals(2, denied.size(), log.lines().toString());
        assertEquals("1.2.3", denied.get(0).path("study").asText());
        assertEquals(401, denied.get(0).path("outcome").asInt());
        assertEquals("/ohif/viewer", denied.get(1).path("path").asText());
        assertEquals(List.of(), events("study-open"), "a refused request opens nothing");

        String unknown = "22222222-22222222-22222222-22222222-22222222";
        request(VIEWER, "/studies/" + unknown + "/ohif-dicom-json", 404);
        JsonNode open = events("study-open").get(0);
        assertEquals(unknown, open.path("orthancStudy").asText());
        assertTrue(open.path("study").isMissingNode(), open.toString());
        assertEquals(404, open.path("outcome").asInt());
    }

    @Test
    void aStudyTheAccessRulesHideIsDeniedWithTheReasonAndAnOpenedOneNamesItsRule() throws Exception {
        AuditRoutes.Route metadata = AuditRoutes.of("/dicom-web/studies/1.2.3/metadata").orElseThrow();
        trail.handle(new AuditRequest(Instant.parse("2026-12-01T08:00:00Z"), nanos += 1_000_000, VIEWER, "GET",
                "/dicom-web/studies/1.2.3/metadata", metadata, 404, Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.of(AuditNote.HIDDEN + ": no rule of the user's roles opens the study")));
        JsonNode denied = events("denied").get(0);
        assertEquals("1.2.3", denied.path("study").asText());
        assertEquals(404, denied.path("outcome").asInt(), "answered as an unknown study");
        assertTrue(denied.path("reason").asText().startsWith("hidden: no rule"), denied.toString());
        assertEquals(List.of(), events("study-open"), "a hidden study is not opened");

        AuditRoutes.Route other = AuditRoutes.of("/dicom-web/studies/1.2.4/metadata").orElseThrow();
        trail.handle(new AuditRequest(Instant.parse("2026-12-01T08:00:01Z"), nanos += 1_000_000, VIEWER, "GET",
                "/dicom-web/studies/1.2.4/metadata", other, 200, Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.of("rule: Site A")));
        JsonNode open = events("study-open").get(0);
        assertEquals("1.2.4", open.path("study").asText());
        assertEquals("rule: Site A", open.path("access").asText());
    }

    @Test
    void aFloodOfRefusalsIsWrittenAtARateAndCountedAndLongPathsAreCut() throws Exception {
        Caller nobody = new Caller("", List.of(), "10.9.9.9", "scanner", "");
        for (int i = 0; i < 500; i++) { // 500 refusals within half a second
            request(nobody, "/dicom-web/studies/" + "x".repeat(5_000), 401);
        }
        nanos += 2_000_000_000L; // the next second
        request(nobody, "/admin/backfill", 403);
        List<JsonNode> denied = events("denied");
        assertEquals(AuditTrail.DENIED_PER_SECOND + 2, denied.size(), "20 one by one, one count, then the next");
        JsonNode first = denied.get(0);
        assertTrue(first.path("path").asText().length() <= AuditEvents.MAX_PATH + 1, first.toString());
        assertEquals(500 - AuditTrail.DENIED_PER_SECOND, denied.get(AuditTrail.DENIED_PER_SECOND).path("suppressed").asLong());
        assertEquals("/admin/backfill", denied.get(denied.size() - 1).path("path").asText());
    }

    @Test
    void aStudyDocumentsRequestWeighsItsInstanceIds() {
        AuditRequest small = new AuditRequest(Instant.now(), 0, VIEWER, "GET", "/x", null, 200, Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty());
        AuditRequest large = new AuditRequest(Instant.now(), 0, VIEWER, "GET", "/x", null, 200, Optional.empty(),
                Optional.empty(), List.of("1.2.3"), java.util.Collections.nCopies(20_000, INSTANCE_2), Optional.empty());
        assertTrue(large.weight() > 20_000 * 44, "the ids count: " + large.weight());
        assertTrue(small.weight() < 1_000);
        assertTrue(AuditLog.MAX_PENDING_BYTES / large.weight() < 50, "a few hundred such requests fill the queue");
    }
}
