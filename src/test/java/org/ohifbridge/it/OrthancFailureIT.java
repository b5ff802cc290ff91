package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.Samples;

/**
 * Orthanc hung (a real Orthanc paused with SIGSTOP: 504 within the deadline, on every archive route) and gone
 * (stopped: 502): small JSON bodies, no stack traces, the WAR keeps serving the viewer itself, {@code health/live}
 * stays up without asking Orthanc, {@code health/ready} says 503, and a flood of probes costs one probe.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrthancFailureIT {
    @Deployment(testable = false)
    static WebArchive war() {
        TestOrthanc o = TestOrthanc.named("failing", false);
        try {
            slice = o.upload(TestOrthanc.samplesDir().resolve("mr-brain/brain_001.dcm"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a read timeout far above the deadline: what ends a call to a hung Orthanc is the deadline
        return Deployments.war("failing.war", Map.of("OrthancUrl", o.url(), "OrthancDeadline", "3000",
                "OrthancReadTimeout", "60000", "OrthancConnectTimeout", "1000"));
    }

    @ArquillianResource
    URL base;

    static String slice;

    @Test
    @Order(1)
    void healthyFirst() throws Exception {
        assertEquals(200, Http.get(base, "dicom-web/studies").statusCode());
        HttpResponse<byte[]> health = Http.get(base, "health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\",\"orthanc\":\"UP\"}", Http.text(health));
        assertEquals("{\"status\":\"UP\"}", Http.text(Http.get(base, "health/live")));
        HttpResponse<byte[]> ready = Http.get(base, "health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"UP\",\"orthanc\":\"UP\",\"dataFolder\":\"writable\"}", Http.text(ready));
        assertEquals(200, Http.get(base, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json").statusCode());
    }

    @Test
    @Order(2)
    void hungOrthancGives504() throws Exception {
        TestOrthanc o = TestOrthanc.named("failing", false);
        o.pause();
        try {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = Http.get(base, "dicom-web/studies");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, r.statusCode());
            assertEquals("{\"status\":504,\"error\":\"Orthanc did not answer in time\"}", Http.text(r));
            assertTrue(ms < 10_000, "bounded by the 3-second deadline, not the 60-second read timeout: " + ms + " ms");
            for (String path : List.of("studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json",
                    "dicom-web/studies/" + Samples.BRAIN_UID + "/series", "instances/" + slice + "/file")) {
                long t1 = System.nanoTime();
                assertEquals(504, Http.get(base, path).statusCode(), path);
                assertTrue((System.nanoTime() - t1) / 1_000_000 < 10_000, path);
            }
            long t2 = System.nanoTime();
            assertEquals(200, Http.get(base, "health/live").statusCode());
            assertTrue((System.nanoTime() - t2) / 1_000_000 < 1_000, "liveness does not ask Orthanc");
            HttpResponse<byte[]> ready = Http.get(base, "health/ready");
            assertEquals(503, ready.statusCode());
            assertEquals("{\"status\":\"DOWN\",\"orthanc\":\"DOWN\",\"dataFolder\":\"writable\"}",
                    Http.text(ready));
            assertEquals(503, Http.get(base, "health").statusCode());
            // a flood of probes while Orthanc hangs: one probe at a time, the others answered from its result
            long t3 = System.nanoTime();
            List<CompletableFuture<Integer>> flood = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String probe = i % 2 == 0 ? "health" : "health/ready";
                flood.add(CompletableFuture.supplyAsync(() -> status(probe)));
            }
            for (CompletableFuture<Integer> f : flood) {
                assertEquals(503, f.get(20, TimeUnit.SECONDS));
            }
            assertTrue((System.nanoTime() - t3) / 1_000_000 < 10_000, "40 probes answered within the probe's bound");
            assertEquals(200, Http.get(base, "ohif/app-config.js").statusCode(), "the viewer itself still loads");
        } finally {
            o.resume();
        }
        assertEquals(200, Http.get(base, "dicom-web/studies").statusCode(), "recovers when Orthanc answers again");
    }

    private int status(String path) {
        try {
            return Http.get(base, path).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(3)
    void stoppedOrthancGives502() throws Exception {
        TestOrthanc.named("failing", false).stop();
        for (String path : new String[] {"dicom-web/studies", "instances/00000000-00000000-00000000-00000000-00000000/file"}) {
            HttpResponse<byte[]> r = Http.get(base, path);
            assertEquals(502, r.statusCode(), path);
            assertEquals("{\"status\":502,\"error\":\"Orthanc is unavailable\"}", Http.text(r));
            assertFalse(Http.text(r).contains("Exception"));
        }
        HttpResponse<byte[]> health = Http.get(base, "health");
        assertEquals(503, health.statusCode());
        assertEquals("{\"status\":\"DEGRADED\",\"orthanc\":\"DOWN\"}", Http.text(health));
    }
}
