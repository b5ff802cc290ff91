package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;

/**
 * The backfill of an Orthanc filled before the WAR came (225 instances): started at deployment, interrupted
 * by a stop of the WAR and resumed, and started again by an admin's POST, which strangers cannot send.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillIT {
    private static final String DATA = Deployments.dataFolder("backfill");
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("it-admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
    private static List<String> instances;

    private static synchronized TestOrthanc orthanc() throws Exception {
        TestOrthanc o = TestOrthanc.named("backfill", false);
        if (instances == null) {
            o.uploadSamples();
            o.uploadAll(TestOrthanc.clonesDir());
            instances = new ArrayList<>();
            Json.MAPPER.readTree(o.get("/instances").body()).forEach(n -> instances.add(n.asText()));
        }
        return o;
    }

    @Deployment(name = "backfill", testable = false, managed = false)
    static WebArchive backfill() throws Exception {
        return Deployments.war("backfill.war", Map.of("OrthancUrl", orthanc().url(), "DataSource", "dicom-json",
                "DataFolder", DATA, "BackfillOnStart", "true", "BackfillRate", "40", "Preload", "false"));
    }

    @ArquillianResource
    Deployer deployer;

    private final URL base = Deployments.url("backfill.war");

    @Test
    @Order(1)
    void theBackfillReachesEveryInstanceAcrossARestart() throws Exception {
        TestOrthanc o = orthanc();
        assertEquals(225, instances.size());
        assertEquals(225, Coverage.missing(o, instances).size(), "nothing covered before the WAR");
        deployer.deploy("backfill");
        JsonNode running = waitFor(s -> s.path("done").asLong() >= 60, "60 done");
        assertEquals("running", running.path("state").asText());
        assertEquals(225, running.path("total").asLong());
        assertTrue(running.path("ratePerSecond").asDouble() > 0, running.toString());
        assertTrue(running.has("etaSeconds"), running.toString());
        String launcher = Http.text(Http.get(base, ""));
        assertTrue(launcher.matches("(?s).*Preparing existing studies for fast opening: \\d+ of 225 instances.*"),
                "the launcher shows the backfill's progress");
        deployer.undeploy("backfill");

        JsonNode saved = Json.MAPPER.readTree(Path.of(DATA, "backfill.json").toFile());
        assertEquals("running", saved.path("state").asText());
        long offset = saved.path("offset").asLong();
        assertTrue(offset >= 40 && offset < 225, saved.toString());
        deployer.deploy("backfill");
        JsonNode done;
        try {
            done = waitFor(s -> "done".equals(s.path("state").asText()), "done");
        } finally {
            deployer.undeploy("backfill");
        }
        assertEquals(100.0, done.path("percent").asDouble(), done.toString());
        assertEquals(225, done.path("total").asLong());
        assertTrue(done.path("done").asLong() >= 225, done.toString());
        assertEquals(List.of(), Coverage.missing(o, instances), "every instance has its 4202 entry");
        String log = ServerLog.text();
        assertTrue(log.contains("ohif-bridge: backfill resumes at instance " + offset), "resumed where it stopped");
        assertTrue(log.matches("(?s).*ohif-bridge: backfill \\d+/225 \\([0-9.]+ %\\), [0-9.]+ instances/s, ETA \\d+ s.*"),
                "progress (done/total, rate, ETA) in the log");
        assertTrue(log.contains("ohif-bridge: backfill done"));
    }

    @Test
    @Order(2)
    void onlyAnAdminFromThisSiteStartsOne() throws Exception {
        deployer.deploy("backfill");
        try {
            HttpResponse<byte[]> anonymous = Http.send("POST", base, "admin/backfill");
            assertEquals(401, anonymous.statusCode());
            HttpResponse<byte[]> viewer = Http.send("POST", base, "admin/backfill", "Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("it-viewer:it-viewer-secret".getBytes(StandardCharsets.UTF_8)));
            assertEquals(403, viewer.statusCode());
            HttpResponse<byte[]> crossSite = Http.send("POST", base, "admin/backfill", "Authorization", ADMIN,
                    "Origin", "https://evil.example");
            assertEquals(403, crossSite.statusCode());
            assertTrue(Http.text(crossSite).contains("cross-site request refused"), Http.text(crossSite));
            HttpResponse<byte[]> admin = Http.send("POST", base, "admin/backfill", "Authorization", ADMIN,
                    "Origin", base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
            assertEquals(202, admin.statusCode(), Http.text(admin));
            assertEquals("running", Json.MAPPER.readTree(admin.body()).path("state").asText());
            JsonNode done = waitFor(s -> "done".equals(s.path("state").asText()), "a second pass done");
            assertEquals(0, done.path("computed").asLong(), "everything was covered already: checked, not recomputed");
        } finally {
            deployer.undeploy("backfill");
        }
    }

    private JsonNode waitFor(java.util.function.Predicate<JsonNode> condition, String what) {
        return Await.value("the backfill " + what, Duration.ofSeconds(90), () -> {
            HttpResponse<byte[]> r = Http.get(base, "preload/status");
            return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).path("backfill") : null;
        }, b -> b != null && condition.test(b));
    }
}
