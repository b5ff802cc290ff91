package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OHIF over the server's HTTPS listener (self-signed test keystore on Tomcat, WildFly's own on WildFly), with
 * HTTP/2: the page is a secure context and cross-origin isolated (what OHIF's volume rendering needs), and the
 * MPR/3D hanging protocol shows real pixels of an axial CT volume (built from the real CT slice, see
 * scripts/ct_volume.sh) in its MPR viewports.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpsBrowserIT extends BrowserTest {
    private static String volumeStudy;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war("secure.war", Deployments.orthanc(volumeOrthanc()));
    }

    @ArquillianResource
    URL base;

    /** An Orthanc holding the CT volume and the MR brain. */
    private static TestOrthanc volumeOrthanc() {
        return TestOrthanc.named("volume", false);
    }

    @BeforeAll
    static void setUp() throws IOException {
        Path volume = Path.of(System.getProperty("volume.dir", ".cache/ct-volume"));
        if (!Files.isRegularFile(volume.resolve(".complete"))) {
            throw new IllegalStateException("CT volume missing in " + volume + ": run scripts/test.sh");
        }
        List<String> ids = volumeOrthanc().uploadAll(volume);
        assertTrue(ids.size() >= 60, "the volume has " + ids.size() + " slices");
        String study = new String(volumeOrthanc().send("GET", "/instances/" + ids.get(0) + "/study", null).body(),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"StudyInstanceUID\"\\s*:\\s*\"([0-9.]+)\"").matcher(study);
        assertTrue(m.find(), study);
        volumeStudy = m.group(1);
    }

    /**
     * A screenshot needs a frame from a renderer that may still be busy painting the 3D view in software: chromedriver
     * waits 10 s for one; best effort. (Waiting first for two equal looks at the canvases made this test about 30 s
     * longer per server in CI.)
     */
    private static void screenshotWhenIdle(String name) throws IOException {
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                Chromium.screenshot(browser, name);
                return;
            } catch (TimeoutException e) {
                // the renderer did not answer within chromedriver's 10 s; try again
            }
        }
        System.err.println("HttpsBrowserIT: no screenshot " + name + ": the renderer stayed busy");
    }

    private String https(String path) {
        return "https://127.0.0.1:" + System.getProperty("it.https.port", "18443") + base.getPath() + path;
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void theStudyListIsASecureCrossOriginIsolatedPageOverHttp2() throws IOException {
        browser.get(https("ohif/"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(250))
                .until(d -> String.valueOf(js("return document.body.innerText;")).contains("CT VOLUME") ? true : null);
        assertEquals("https:", js("return location.protocol;"));
        assertEquals(Boolean.TRUE, js("return window.isSecureContext;"));
        assertEquals(Boolean.TRUE, js("return window.crossOriginIsolated;"), "COOP/COEP over HTTPS");
        assertEquals(Boolean.TRUE, js("return typeof SharedArrayBuffer === 'function';"));
        assertEquals("h2", js("return performance.getEntriesByType('navigation')[0].nextHopProtocol;"),
                "the page came over HTTP/2");
        assertEquals(100L, js("return window.config.maxNumRequests.prefetch;"), "higher request limits over HTTP/2");
        Chromium.screenshot(browser, "https-study-list");
    }

    @Test
    void theMprProtocolRendersTheCtVolume() throws IOException {
        // Chromium renders WebGL in software here (SwiftShader): building the volume and ray-casting the 3D
        // viewport keep the page busy for tens of seconds, less so in a smaller window (measured: all four
        // viewports painted after ~30 s at 900x650, ~95 s at 1400x900)
        browser.manage().window().setSize(new Dimension(900, 650));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        browser.get(https("ohif/viewer?StudyInstanceUIDs=" + volumeStudy + "&hangingprotocolId=mprAnd3DVolumeViewport"));
        List<Long> bright = new WebDriverWait(browser, Duration.ofSeconds(240)).pollingEvery(Duration.ofSeconds(2))
                .ignoring(ScriptTimeoutException.class)
                .until(d -> {
                    List<Long> n = Chromium.brightPerCanvas(d);
                    return n.stream().filter(v -> v > 1000).count() >= 3 ? n : null;
                });
        screenshotWhenIdle("https-mpr-ct-volume");
        assertTrue(bright.size() >= 4, "the protocol's four viewports (axial, 3D, coronal, sagittal): " + bright);
        assertEquals(List.of(), Chromium.failedRequests(browser));
        assertEquals(Boolean.TRUE, js("return window.crossOriginIsolated;"));
    }
}
