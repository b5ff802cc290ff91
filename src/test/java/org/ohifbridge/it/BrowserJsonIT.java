package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Samples;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OHIF's DICOM JSON data source in Chromium, through the WAR: the MR brain renders, and the 96-frame XA and
 * the 16-frame MR scroll through every frame, each one different (the plugin's single entry per instance
 * leaves OHIF 3.13 on "Loading…"). Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserJsonIT extends BrowserTest {
    /** A fingerprint of the largest cornerstone canvas (sampled pixels), and how many samples are not black. */
    private static final String VIEWPORT = """
            let best = null;
            for (const c of document.querySelectorAll('canvas.cornerstone-canvas')) {
              if (!c.width || !c.height || (best && c.width * c.height <= best.width * best.height)) continue;
              best = c;
            }
            if (!best) return [0, 0];
            const d = best.getContext('2d', {willReadFrequently: true}).getImageData(0, 0, best.width, best.height).data;
            let h = 2166136261, n = 0;
            for (let i = 0; i < d.length; i += 4 * 13) {
              h = Math.imul(h ^ d[i], 16777619) >>> 0;
              if (d[i] > 16 || d[i + 1] > 16 || d[i + 2] > 16) n++;
            }
            return [h, n];""";


    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war("ohif-json.war", Map.of("OrthancUrl", TestOrthanc.shared().url(),
                "DataSource", "dicom-json", "Preload", "false", "DataFolder", Deployments.dataFolder("browser-json")));
    }

    @ArquillianResource
    URL base;

    @Test
    void theMrBrainRenders() throws IOException {
        open(Samples.BRAIN_STUDY);
        long bright = waitForPixels();
        Chromium.screenshot(browser, "json-mr-brain");
        assertTrue(bright > 2000, "bright samples: " + bright);
        assertEquals(List.of(), Chromium.failedRequests(browser));
    }

    @Test
    void the96FrameXaShowsEveryFrame() throws IOException {
        scrollThroughEveryFrame(Samples.XA_STUDY, 96, "json-xa-96frames");
    }

    @Test
    void the16FrameMrShowsEveryFrame() throws IOException {
        scrollThroughEveryFrame(Samples.MR16_STUDY, 16, "json-mr-16frames");
    }

    private void scrollThroughEveryFrame(String study, int frames, String name) throws IOException {
        open(study);
        waitForPixels();
        List<Long> fingerprints = new ArrayList<>();
        fingerprints.add(settled(1, frames));
        for (int k = 2; k <= frames; k++) {
            new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
            fingerprints.add(settled(k, frames));
            if (k == frames / 2) {
                Chromium.screenshot(browser, name + "-frame-" + k);
            }
        }
        Chromium.screenshot(browser, name + "-frame-" + frames);
        int distinct = new HashSet<>(fingerprints).size();
        System.out.println("[BrowserJsonIT] " + name + ": " + frames + " frames shown, " + distinct + " distinct images");
        assertTrue(distinct >= frames * 9 / 10, distinct + " distinct images among " + frames + " frames");
        assertEquals(List.of(), Chromium.failedRequests(browser));
    }

    private void open(String study) {
        browser.get(base + "ohif/viewer?url=../studies/" + study + "/ohif-dicom-json");
    }

    private long waitForPixels() {
        return new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(250)).until(d -> {
            long n = ((Number) ((List<?>) ((JavascriptExecutor) d).executeScript(VIEWPORT)).get(1)).longValue();
            return n > 2000 ? n : null;
        });
    }

    /** Waits until the overlay says frame k of n and the picture is stable, then returns its fingerprint. */
    private long settled(int k, int n) {
        Pattern position = Pattern.compile("\\(" + k + "/" + n + "\\)");
        return new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100)).until(d -> {
            String text = (String) ((JavascriptExecutor) d).executeScript("return document.body.innerText;");
            Matcher m = position.matcher(text);
            if (!m.find() || text.contains("Loading")) {
                return null;
            }
            List<?> a = (List<?>) ((JavascriptExecutor) d).executeScript(VIEWPORT);
            List<?> b = (List<?>) ((JavascriptExecutor) d).executeScript(VIEWPORT);
            long bright = ((Number) a.get(1)).longValue();
            return a.equals(b) && bright > 100 ? ((Number) a.get(0)).longValue() : null;
        });
    }
}
