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
 * 30 s, from B's stored position, and every instance ends up with its metadata 4202. Takeover time and the work done
 * twice are printed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterIT {
    private static final String A = "replica-a";

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
        return Deployments.war(A + ".war", replica(orthanc("cluster-a"), A));
    }

    private static JsonNode status(URL base) throws IOException {
        return Json.MAPPER.readTree(Http.get(base, "preload/status").body());
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
        URL a = Deployments.url(A + ".war");

        try (TomcatProcess b = new TomcatProcess("replica-b", replica(orthancB, "replica-b"))) {
            b.start();
            JsonNode sb = Await.value("replica B elected", Duration.ofSeconds(30), () -> status(b.url()),
                    st -> st.path("replica").asText().startsWith("leader ")
                            && "up to date".equals(st.path("preload").path("state").asText()));
            String holderB = sb.path("replica").asText().substring("leader ".length());
            deployer.deploy(A);
            try {
                JsonNode sa = Await.value("replica A up", Duration.ofSeconds(30), () -> status(a),
                        st -> st.path("replica").asText().startsWith("standby "));
                assertEquals(holderB, pg.sql("bridge", "SELECT holder FROM ohifbridge_lease"), "one lease, B's");
                assertEquals("off", sa.path("preload").path("state").asText(), "a standby does not follow the changes");

                // ingest through both Orthancs (they share one index); B dies half-way
                List<String> ids = new ArrayList<>();
                long killedAt = 0;
                for (int i = 0; i < files.size(); i++) {
                    if (i == files.size() / 2) {
                        JsonNode before = status(a);
                        assertEquals(0, before.path("records").path("computed").asLong(),
                                "the standby did no work while B ran: " + before);
                        b.kill();
                        killedAt = System.nanoTime();
                    }
                    ids.add((i % 2 == 0 ? orthancA : orthancB).upload(files.get(i)));
                }
                long t0 = killedAt;
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
            } finally {
                deployer.undeploy(A);
            }
            assertEquals("0", pg.sql("bridge", "SELECT count(*) FROM ohifbridge_lease"),
                    "an undeployed leader releases the lease for the next replica at once");
        }
    }
}
