package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;

/**
 * Scale-out with real parts: a private PostgreSQL, two Orthancs on it (Debian's orthanc-postgresql: one index, several
 * writers, one change log; files in a shared folder), and two replicas of the WAR on two servers sharing their state
 * in the database: replica B on a Tomcat of its own (a separate JVM), replica A on the test Tomcat. B is elected first;
 * 500 instances are ingested through both Orthancs and B is killed (SIGKILL) half-way: A takes the work over within
 * 30 s, from B's stored position, and every instance ends up with its metadata 4202; HAProxy in front (health checks on
 * health/ready) serves every request from A after the kill. Takeover time and the work done
 * twice are printed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterIT {
    /** The deployment's name for Arquillian; both replicas serve the WAR at /cluster/, as behind a load balancer. */
    private static final String A = "replica-a";
    private static final String CONTEXT = "cluster";

    @ArquillianResource
    Deployer deployer;

    private static Map<String, String> replica(TestOrthanc orthanc, String name) {
        TestPostgres pg = TestPostgres.shared();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("OrthancUrl", orthanc.url());
        s.put("DataSource", "dicom-json");
        s.put("DataFolder", Deployments.dataFolder(name));
        s.put("DatabaseUrl", pg.jdbcUrl());
        s.put("DatabaseUser", pg.bridgeUser());
        s.put("DatabasePasswordFile", pg.bridgePasswordFile().toString());
        return s;
    }

    private static TestOrthanc orthanc(String name) {
        return TestOrthanc.onDatabase(name, TestPostgres.shared().orthancIndex());
    }

    @Deployment(name = A, testable = false, managed = false)
    static WebArchive replicaA() {
        return Deployments.war(CONTEXT + ".war", replica(orthanc("cluster-a"), A));
    }

    private static JsonNode status(URL base) throws IOException {
        return Json.MAPPER.readTree(Http.get(base, "preload/status").body());
    }

    /**
     * A reading spread over both replicas (each serves the study once) lands in the one table; the admin page on
     * either finds both events by the study's UID, as a page and as CSV.
     */
    private static void oneAuditTrail(TestPostgres pg, URL a, TomcatProcess b, TestOrthanc orthanc, String instance,
                                      String holderB, String holderA) throws Exception {
        JsonNode study = Json.MAPPER.readTree(orthanc.get("/instances/" + instance + "/study").body());
        String studyId = study.path("ID").asText();
        String uid = study.path("MainDicomTags").path("StudyInstanceUID").asText();
        assertEquals(200, Http.get(a, "studies/" + studyId + "/ohif-dicom-json").statusCode());
        assertEquals(200, Http.get(b.url(), "studies/" + studyId + "/ohif-dicom-json").statusCode());
        Await.until("both replicas' study-open events in the table", Duration.ofSeconds(20), Duration.ofMillis(250),
                () -> "2".equals(pg.sql("bridge", "SELECT count(DISTINCT replica) FROM ohifbridge_audit"
                        + " WHERE action = 'study-open' AND study_uid = '" + uid + "'")));
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "it-admin:it-admin-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var page = Http.get(a, "admin/audit?study=" + uid, "Authorization", auth);
        assertEquals(200, page.statusCode());
        String html = Http.text(page);
        assertTrue(html.contains(holderA) && html.contains(holderB), "both replicas' events: " + html);
        var csv = Http.get(a, "admin/audit?study=" + uid + "&format=csv", "Authorization", auth);
        assertEquals(200, csv.statusCode());
        List<String> lines = Http.text(csv).lines().filter(l -> l.contains(",study-open,")).toList();
        assertEquals(2, lines.size(), Http.text(csv));
        assertEquals(401, Http.get(a, "admin/audit?study=" + uid).statusCode(), "admin only");
        assertEquals(400, Http.get(a, "admin/audit?study=x%27%20or%201=1", "Authorization", auth).statusCode());
        System.out.println("[ClusterIT] one audit trail: the study opened on both replicas, both events found by its"
                + " UID on replica A's admin/audit");
    }

    @Test
    void theElectedReplicaKilledDuringIngestIsReplacedAndNoInstanceIsMissed() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        TestOrthanc orthancA = orthanc("cluster-a");
        TestOrthanc orthancB = orthanc("cluster-b");
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(System.getProperty("clones500.dir")))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertEquals(500, files.size(), "the 500 cloned slices (scripts/test.sh)");
        URL a = Deployments.url(CONTEXT + ".war");

        try (TomcatProcess b = new TomcatProcess(CONTEXT, replica(orthancB, "replica-b"))) {
            b.start();
            JsonNode sb = Await.value("replica B elected", Duration.ofSeconds(30), () -> status(b.url()),
                    st -> st.path("replica").asText().startsWith("leader ")
                            && "up to date".equals(st.path("preload").path("state").asText()));
            String holderB = sb.path("replica").asText().substring("leader ".length());
            deployer.deploy(A);
            TestHaproxy lb = null;
            try {
                JsonNode sa = Await.value("replica A up", Duration.ofSeconds(30), () -> status(a),
                        st -> st.path("replica").asText().startsWith("standby "));
                assertEquals(holderB, pg.sql("bridge", "SELECT holder FROM ohifbridge_lease"), "one lease, B's");
                assertEquals("off", sa.path("preload").path("state").asText(), "a standby does not follow the changes");
                String holderA = sa.path("replica").asText().substring("standby ".length());
                lb = new TestHaproxy(CONTEXT, List.of("127.0.0.1:" + System.getProperty("it.http.port", "18080"),
                        "127.0.0.1:" + b.port()));
                URL viaLb = lb.url(CONTEXT);
                java.util.Set<String> served = new java.util.HashSet<>();
                Await.until("both replicas serving behind HAProxy", Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
                    String r = status(viaLb).path("replica").asText();
                    served.add(r.substring(r.indexOf(' ') + 1));
                    return served.size() == 2;
                });
                assertEquals(java.util.Set.of(holderA, holderB), served);

                // ingest through both Orthancs (they share one index); B dies half-way
                List<String> ids = new ArrayList<>();
                long killedAt = 0;
                for (int i = 0; i < files.size(); i++) {
                    if (i == files.size() / 2) {
                        oneAuditTrail(pg, a, b, orthancA, ids.get(0), holderB, holderA);
                        JsonNode before = status(a);
                        assertEquals(0, before.path("records").path("computed").asLong(),
                                "the standby did no work while B ran: " + before);
                        b.kill();
                        killedAt = System.nanoTime();
                    }
                    ids.add((i % 2 == 0 ? orthancA : orthancB).upload(files.get(i)));
                }
                long t0 = killedAt;
                // the load balancer sends nobody to the dead node: every request is answered by A
                String studyJson = "studies/" + Json.MAPPER.readTree(orthancA.get("/instances/" + ids.get(0) + "/study")
                        .body()).path("ID").asText() + "/ohif-dicom-json";
                int failed = 0;
                for (int k = 0; k < 20; k++) {
                    if (Http.get(viaLb, studyJson).statusCode() != 200) {
                        failed++;
                    }
                }
                assertEquals(0, failed, "requests through HAProxy after the kill that did not get 200");
                Await.until("replica A elected", Duration.ofSeconds(60), Duration.ofMillis(250),
                        () -> status(a).path("replica").asText().startsWith("leader "));
                long takeoverMs = (System.nanoTime() - t0) / 1_000_000;
                long coveredMs = Coverage.waitFor(orthancA, ids, 120_000);
                JsonNode after = Await.value("replica A up to date", Duration.ofSeconds(30), () -> status(a),
                        st -> "up to date".equals(st.path("preload").path("state").asText()));
                long seen = after.path("preload").path("newInstancesSeen").asLong();
                long computed = after.path("records").path("computed").asLong();
                System.out.println("[ClusterIT] replica B killed after " + files.size() / 2 + " of " + files.size()
                        + " uploads: replica A took over " + takeoverMs + " ms later; every instance covered "
                        + coveredMs + " ms after the takeover; A looked at " + seen + " new instances and computed "
                        + computed + " records, so " + (seen - computed) + " had been done by B already (work done"
                        + " twice); missed: " + Coverage.missing(orthancA, ids).size());
                assertTrue(takeoverMs < 30_000, "takeover within 30 s: " + takeoverMs + " ms");
                assertEquals(List.of(), Coverage.missing(orthancB, ids), "seen through either Orthanc");
                assertTrue(seen - computed <= files.size() / 4,
                        "work done twice stays a small fraction: " + (seen - computed) + " of " + files.size());
                assertEquals(after.path("replica").asText().substring("leader ".length()),
                        pg.sql("bridge", "SELECT holder FROM ohifbridge_lease"));
                String position = pg.sql("bridge", "SELECT content FROM ohifbridge_state WHERE name = 'preload'");
                assertEquals(after.path("preload").path("position").asLong(),
                        Json.MAPPER.readTree(position).path("since").asLong(), "the shared position is A's now");

                // an instance another replica gave up on is listed by the new leader and retried by its backfill
                pg.sql("bridge", "INSERT INTO ohifbridge_skipped (instance, reason) VALUES ('" + ids.get(1)
                        + "', 'left by replica B')");
                JsonNode skipped = status(a).path("skipped");
                assertEquals(1, skipped.path("count").asLong(), skipped.toString());
                assertEquals(ids.get(1), skipped.path("instances").get(0).path("instance").asText());
                String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "it-admin:it-admin-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(202, Http.send("POST", a, "admin/backfill", "Authorization", auth).statusCode());
                Await.until("the skipped instance retried and cleared", Duration.ofSeconds(30), Duration.ofMillis(250),
                        () -> "0".equals(pg.sql("bridge", "SELECT count(*) FROM ohifbridge_skipped")));
            } finally {
                if (lb != null) {
                    lb.close();
                }
                deployer.undeploy(A);
            }
            assertEquals("0", pg.sql("bridge", "SELECT count(*) FROM ohifbridge_lease"),
                    "an undeployed leader releases the lease for the next replica at once");
        }
    }
}
