package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The WAR with its state in PostgreSQL on each server (on WildFly: Flyway reading its migrations through JBoss VFS):
 * the schema is created at start, the one replica takes the lease, the preload keeps its position in the database,
 * and an undeploy releases the lease.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseIT {
    private static final String DB = "bridge_" + System.getProperty("it.server", "tomcat");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "db", testable = false, managed = false)
    static WebArchive db() {
        TestPostgres pg = TestPostgres.shared();
        return Deployments.war("db.war", Map.of("OrthancUrl", TestOrthanc.named("db", false).url(),
                "DataSource", "dicom-json", "DataFolder", Deployments.dataFolder("db"),
                "DatabaseUrl", pg.jdbcUrl(DB), "DatabaseUser", pg.bridgeUser(),
                "DatabasePasswordFile", pg.bridgePasswordFile().toString()));
    }

    @Test
    void stateLeaseAndSchemaLiveInTheDatabase() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        URL base = Deployments.url("db.war");
        Map<Path, Long> mark = ServerLog.mark();
        deployer.deploy("db");
        try {
            JsonNode status = Await.value("the only replica elected", Duration.ofSeconds(30),
                    () -> Json.MAPPER.readTree(Http.get(base, "preload/status").body()),
                    st -> st.path("replica").asText().startsWith("leader ")
                            && "up to date".equals(st.path("preload").path("state").asText()));
            assertEquals("1,2,3", pg.sql(DB, "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM"
                    + " ohifbridge_schema_history WHERE success AND version IS NOT NULL"), "the migrations, applied");
            assertEquals(status.path("replica").asText().substring("leader ".length()),
                    pg.sql(DB, "SELECT holder FROM ohifbridge_lease"));
            List<Path> files;
            try (Stream<Path> s = Files.walk(TestOrthanc.clonesDir())) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().limit(5).toList();
            }
            TestOrthanc orthanc = TestOrthanc.named("db", false);
            List<String> ids = new java.util.ArrayList<>();
            for (Path f : files) {
                ids.add(orthanc.upload(f));
            }
            Coverage.waitFor(orthanc, ids, 30_000);
            long since = Await.value("the position in the database", Duration.ofSeconds(15),
                    () -> Json.MAPPER.readTree(pg.sql(DB, "SELECT content FROM ohifbridge_state WHERE name = 'preload'"))
                            .path("since").asLong(), s -> s > 0);
            assertTrue(since >= 5, "past the five uploads: " + since);
        } finally {
            deployer.undeploy("db");
        }
        assertEquals("0", pg.sql(DB, "SELECT count(*) FROM ohifbridge_lease"), "released at undeploy");
        String log = ServerLog.since(mark);
        assertTrue(!log.contains("clearReferencesJdbc") && !log.contains("WELD-000229") && !log.contains("SEVERE"),
                "no driver left registered, no bean used after shutdown, nothing severe: " + log);
    }
}
