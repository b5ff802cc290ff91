package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Samples;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OHIF in a real browser (Debian's Chromium, WebGL on SwiftShader, driven by Debian's chromedriver) through
 * the WAR under a non-root context path: the study list shows the samples, and the viewer paints real
 * pixels for an uncompressed MR and for JPEG 2000 and JPEG-LS studies. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT extends BrowserTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war("ohif-bridge.war", Deployments.orthanc(TestOrthanc.shared()));
    }

    @ArquillianResource
    URL base;

    @Test
    void studyListShowsTheSampleStudies() throws IOException {
        browser.get(base + "ohif/");
        String text = new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(250))
                .until(d -> {
                    String t = (String) ((JavascriptExecutor) d).executeScript("return document.body.innerText;");
                    return t.contains("BRAIN") && t.contains("SHOULDER") && t.contains("RT ANKLE") ? t : null;
                });
        assertTrue(text.contains("CompressedSamples"), "patient names are listed");
        assertTrue(text.contains("MR") && text.contains("CT") && text.contains("XA"), "modalities are listed");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.crossOriginIsolated;"));
        assertEquals(25L, ((JavascriptExecutor) browser).executeScript("return window.config.maxNumRequests.prefetch;"),
                "the plugin's request limits over HTTP/1.1");
        screenshot("study-list");
    }

    @Test
    void viewerRendersTheMrBrain() throws IOException {
        assertRenders(Samples.BRAIN_UID, "viewer-mr-brain");
    }

    @Test
    void viewerRendersJpeg2000AndJpegLs() throws IOException {
        assertRenders(Samples.J2K_UID, "viewer-ct-jpeg2000");
        assertRenders(Samples.JPEGLS_UID, "viewer-mr-jpegls");
    }

    private void assertRenders(String studyUid, String name) throws IOException {
        browser.get(base + "ohif/viewer?StudyInstanceUIDs=" + studyUid);
        long bright = new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(250))
                .until(d -> {
                    long n = Chromium.brightPerCanvas(d).stream().mapToLong(Long::longValue).max().orElse(0);
                    return n > 2000 ? n : null;
                });
        screenshot(name);
        assertTrue(bright > 2000, name + ": " + bright);
        assertEquals(List.of(), Chromium.failedRequests(browser));
    }

    private static void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
