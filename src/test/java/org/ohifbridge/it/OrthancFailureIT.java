package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
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

/**
 * Orthanc hung (a real Orthanc paused with SIGSTOP: 504) and gone (stopped: 502): small JSON bodies, no stack
 * traces, and the WAR keeps serving the viewer itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrthancFailureIT {
    @Deployment(testable = false)
    static WebArchive war() {
        TestOrthanc o = TestOrthanc.named("failing", false);
        return Deployments.war("failing.war", Map.of("OrthancUrl", o.url(),
                "OrthancReadTimeout", "2000", "OrthancConnectTimeout", "1000"));
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void healthyFirst() throws Exception {
        assertEquals(200, Http.get(base, "dicom-web/studies").statusCode());
        HttpResponse<byte[]> health = Http.get(base, "health");
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\",\"orthanc\":\"UP\"}", Http.text(health));
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
            assertTrue(ms < 30_000, "bounded by the read timeout, took " + ms + " ms");
            assertEquals(503, Http.get(base, "health").statusCode());
            assertEquals(200, Http.get(base, "ohif/app-config.js").statusCode(), "the viewer itself still loads");
        } finally {
            o.resume();
        }
        assertEquals(200, Http.get(base, "dicom-web/studies").statusCode(), "recovers when Orthanc answers again");
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
