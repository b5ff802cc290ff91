package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A radiologist reaches studies from a portal and from the launcher, signed on at Keycloak (SignOn=oidc), and the
 * audit trail records it. Own Orthanc with two studies of one patient (copies of the real MR brain, with accession
 * numbers and a patient name that holds {@code <script>}). Tomcat serves them as DICOMweb, WildFly as DICOM JSON, so
 * both URL forms and both ways of fetching pixels (frames; files) are audited.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalIT extends BrowserTest {
    static final String PATIENT_ID = "PORTAL7";
    static final String PATIENT_NAME = "Portal^<script>alert(7)</script>";
    static final String UID_A = uid();
    static final String UID_B = uid();
    /** When the reading session of study A ended (later requests for A are OHIF's look at a prior). */
    private static java.time.Instant sessionAEnded;
    /** Events before this are from earlier runs on the same server log. */
    private static final java.time.Instant STARTED = java.time.Instant.now();

    @Deployment(testable = false)
    static WebArchive war() throws Exception {
        TestOrthanc o = TestOrthanc.named("portal", false);
        load(o);
        Map<String, String> s = new LinkedHashMap<>(Keycloak.oidcSettings());
        s.put("OrthancUrl", o.url());
        s.put("DataSource", dicomJson() ? "dicom-json" : "dicom-web");
        s.put("DataFolder", Deployments.dataFolder("portal"));
        s.put("AuditIdleSeconds", "20");
        return Deployments.war("portal.war", s);
    }

    /** WildFly runs the DICOM JSON data source, Tomcat DICOMweb. */
    static boolean dicomJson() {
        return ServerLog.wildfly();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void prepareBrowser() throws Exception {
        Keycloak.awaitReady();
        // Chromium renders WebGL in software here: a smaller window paints the volume viewports sooner
        browser.manage().window().setSize(new Dimension(900, 650));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    }

    @Test
    @Order(1)
    void aPortalLinkByAccessionNumberOpensTheStudyAfterSignOn() throws Exception {
        browser.get(base + "open?AccessionNumber=ACC7001");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys("viewer");
        browser.findElement(By.id("password")).sendKeys("viewer-pw");
        browser.findElement(By.id("kc-login")).click();
        waitForPixels(1);
        String url = browser.getCurrentUrl();
        assertTrue(url.startsWith(base + "ohif/viewer?"), url);
        assertTrue(dicomJson() ? url.contains("url=../studies/" + orthancId(UID_A) + "/ohif-dicom-json")
                : url.contains("StudyInstanceUIDs=" + UID_A), url);
        Chromium.screenshot(browser, "portal-accession-link");
        // the reading session: scroll through the slices, then close the study (back to the launcher)
        WebElement viewport = browser.findElement(By.cssSelector("canvas.cornerstone-canvas"));
        new Actions(browser).moveToElement(viewport).click().perform();
        for (int i = 0; i < 12; i++) {
            String before = slicePosition();
            new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
            if (!before.isEmpty()) { // as a reader does: the next slice is on the screen before the next key
                new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(50))
                        .until(d -> !slicePosition().equals(before));
            }
        }
        assertEquals(List.of(), Chromium.failedRequests(browser));
        browser.get(base.toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
        sessionAEnded = java.time.Instant.now();
    }

    @Test
    @Order(2)
    void aPatientIdWithTwoStudiesShowsTheChooserWithTheNameAsText() throws IOException {
        browser.get(base + "open?PatientID=" + PATIENT_ID);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertEquals("Choose a study", browser.findElement(By.tagName("h1")).getText());
        List<WebElement> rows = browser.findElements(By.cssSelector("tbody tr"));
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).getText().contains("Portal, <script>alert(7)</script>"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("ACC7002") && rows.get(1).getText().contains("ACC7001"),
                "newest first: " + rows.get(0).getText());
        assertEquals(0L, ((JavascriptExecutor) browser).executeScript("return document.scripts.length;"));
        assertEquals(dicomJson() ? 0 : 1, browser.findElements(By.partialLinkText("Open all 2 together")).size());
        Chromium.screenshot(browser, "portal-chooser");

        if (dicomJson()) {
            // Orthanc Explorer 2 makes DICOMweb-form links: under DICOM JSON they become the study's DICOM JSON form
            browser.get(base + "ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&StudyInstanceUIDs=" + UID_A);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("url=../studies/"));
            assertEquals(base + "ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&url=../studies/" + orthancId(UID_A)
                    + "/ohif-dicom-json", browser.getCurrentUrl());
        }
        browser.get(base + "open?PatientID=NOBODY");
        assertEquals("No study found", browser.findElement(By.tagName("h1")).getText());
        browser.get(base + "open?PatientID=PORT*");
        assertEquals("This link cannot be opened", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("wildcards"));
    }

    @Test
    @Order(3)
    void theLauncherFindsThePatientByNameAndOpensVolumeRenderingWithTheKeyboardAlone() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 800)); // a desktop for the launcher's screenshot
        browser.get(base.toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("q")));
        assertEquals("q", active().getAttribute("id"), "the search box has the focus on arrival");
        new Actions(browser).sendKeys("portal").sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("q=portal"));
        List<WebElement> rows = browser.findElements(By.cssSelector("tbody tr"));
        assertEquals(2, rows.size(), "both studies of the patient");
        assertTrue(rows.get(0).getText().contains("ACC7002"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("CT") && rows.get(0).getText().contains("64"), "modalities, instances: "
                + rows.get(0).getText());
        assertTrue(rows.get(1).getText().contains("MR") && rows.get(1).getText().contains("20"), rows.get(1).getText());
        Chromium.screenshot(browser, "portal-launcher");
        int tabs = 0;
        while (!"Volume rendering".equals(active().getText())) {
            assertTrue(++tabs < 40, "Tab reaches the first row's Volume rendering");
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertTrue(active().getAttribute("href").contains("hangingprotocolId=mprAnd3DVolumeViewport"));
        browser.manage().window().setSize(new Dimension(900, 650)); // software WebGL paints a small window sooner
        assertEquals("Volume rendering", active().getText(), "the focus stays");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        List<Long> bright = waitForPixels(3);
        String url = browser.getCurrentUrl();
        assertTrue(url.contains("hangingprotocolId=mprAnd3DVolumeViewport"), url);
        assertTrue(dicomJson() ? url.contains(orthancId(UID_B)) : url.contains(UID_B), url);
        Chromium.screenshot(browser, "portal-volume-rendering");
        assertTrue(bright.stream().filter(n -> n > 1000).count() >= 3, "volume viewports with pixels: " + bright);
        browser.get(base.toString()); // close the study
    }

    @Test
    @Order(4)
    void theAuditHasOneOpenPerStudyTheLinksTheSearchAndTheRefusals() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String metadata = dicomJson() ? "studies/" + orthancId(UID_A) + "/ohif-dicom-json"
                : "dicom-web/studies/" + UID_A + "/metadata";
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + metadata))
                .header("Accept", "application/json").header("User-Agent", "audit-test-anonymous").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> noRole = http.send(HttpRequest.newBuilder(URI.create(base + metadata))
                .header("Accept", "application/json").header("User-Agent", "audit-test-norole")
                .header("Authorization", "Bearer " + Keycloak.accessToken("norole", "norole-pw")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noRole.statusCode());

        // the summaries come once a study has been idle for AuditIdleSeconds (20 s here)
        // the audit writes on its own thread: wait for the refusals just made as well
        List<JsonNode> events = awaitEvents(all -> all.stream().anyMatch(e -> action(e, "study-retrieved")
                        && UID_A.equals(e.path("study").asText()))
                && all.stream().anyMatch(e -> "audit-test-anonymous".equals(e.path("userAgent").asText()))
                && all.stream().anyMatch(e -> "audit-test-norole".equals(e.path("userAgent").asText())),
                Duration.ofSeconds(60));
        String ua = (String) ((JavascriptExecutor) browser).executeScript("return navigator.userAgent;");

        List<JsonNode> opensA = select(events, e -> action(e, "study-open") && UID_A.equals(e.path("study").asText())
                && !java.time.Instant.parse(e.path("time").asText()).isAfter(sessionAEnded));
        assertEquals(1, opensA.size(), "one open for the reading session of study A: " + opensA);
        JsonNode open = opensA.get(0);
        assertEquals("viewer", open.path("user").asText());
        assertTrue(open.path("roles").toString().contains("ohif-viewer"), open.toString());
        assertEquals("127.0.0.1", open.path("client").asText());
        assertEquals(ua, open.path("userAgent").asText());
        assertEquals(200, open.path("outcome").asInt());
        assertTrue(dicomJson() ? open.path("via").asText().equals("document")
                : List.of("query", "metadata").contains(open.path("via").asText()), open.toString());
        assertFalse(select(events, e -> action(e, "study-open") && UID_B.equals(e.path("study").asText())
                && "viewer".equals(e.path("user").asText())).isEmpty(), "study B opened (volume rendering)");

        JsonNode summary = select(events, e -> action(e, "study-retrieved") && UID_A.equals(e.path("study").asText())).get(0);
        assertEquals(open.path("session").asText(), summary.path("session").asText());
        int pixels = summary.path("requests").path(dicomJson() ? "files" : "frames").asInt();
        assertTrue(pixels >= 20, "the 20 slices were fetched and counted in one summary: " + summary);

        JsonNode link = select(events, e -> action(e, "link") && e.path("query").asText().equals("AccessionNumber=ACC7001")
                && e.path("outcome").asInt() == 302).get(0);
        assertEquals("[\"" + UID_A + "\"]", link.path("studies").toString());
        assertEquals("viewer", link.path("user").asText());
        JsonNode chooser = select(events, e -> action(e, "link") && e.path("query").asText().equals("PatientID=" + PATIENT_ID)).get(0);
        assertEquals(200, chooser.path("outcome").asInt());
        assertEquals(2, chooser.path("matches").asInt());
        assertEquals(1, select(events, e -> action(e, "link") && e.path("outcome").asInt() == 404).size());
        assertEquals(1, select(events, e -> action(e, "link") && e.path("outcome").asInt() == 400).size());
        JsonNode search = select(events, e -> action(e, "search") && "portal".equals(e.path("query").asText())).get(0);
        assertEquals(2, search.path("matches").asInt());

        JsonNode deniedAnonymous = select(events, e -> action(e, "denied") && "audit-test-anonymous".equals(e.path("userAgent").asText())).get(0);
        assertEquals("anonymous", deniedAnonymous.path("user").asText());
        assertEquals(401, deniedAnonymous.path("outcome").asInt());
        assertEquals("/" + metadata, deniedAnonymous.path("path").asText());
        JsonNode deniedNoRole = select(events, e -> action(e, "denied") && "audit-test-norole".equals(e.path("userAgent").asText())).get(0);
        assertEquals("norole", deniedNoRole.path("user").asText());
        assertEquals(403, deniedNoRole.path("outcome").asInt());
        String log = ServerLog.text();
        assertFalse(log.contains("JSESSIONID"), "no session id in the log");
        Files.writeString(Path.of(System.getProperty("screenshots.dir", "target/screenshots")).resolve("portal-audit-sample.jsonl"),
                open + "\n" + summary + "\n" + link + "\n" + deniedNoRole + "\n");
    }

    private static boolean action(JsonNode e, String action) {
        return action.equals(e.path("action").asText());
    }

    private static List<JsonNode> select(List<JsonNode> events, Predicate<JsonNode> p) {
        return events.stream().filter(p).toList();
    }

    /** This deployment's audit events from the server log (the logger ohif-bridge.audit writes one JSON per line). */
    private static List<JsonNode> auditEvents() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : ServerLog.text().split("\n")) {
            int start = line.indexOf("{\"schema\":\"ohif-bridge-audit/1\"");
            if (start >= 0) {
                JsonNode e = Json.MAPPER.readTree(line.substring(start));
                if (java.time.Instant.parse(e.path("time").asText()).isBefore(STARTED)) {
                    continue;
                }
                String uidOrQuery = e.toString();
                if (uidOrQuery.contains(UID_A) || uidOrQuery.contains(UID_B) || uidOrQuery.contains("audit-test-")
                        || uidOrQuery.contains(PATIENT_ID) || uidOrQuery.contains("ACC700") || uidOrQuery.contains("\"portal\"")
                        || uidOrQuery.contains("NOBODY") || uidOrQuery.contains("PORT") || containsOrthancIds(uidOrQuery)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static boolean containsOrthancIds(String s) {
        return s.contains(orthancId(UID_A)) || s.contains(orthancId(UID_B));
    }

    private static List<JsonNode> awaitEvents(Predicate<List<JsonNode>> until, Duration max) {
        return Await.value("these audit events", max, Duration.ofSeconds(1), PortalIT::auditEvents, until);
    }

    /** The viewer's overlay, e.g. "(3/20)": which slice is shown. */
    private static String slicePosition() {
        Matcher m = Pattern.compile("\\(\\d+/\\d+\\)").matcher(String.valueOf(
                ((JavascriptExecutor) browser).executeScript("return document.body.innerText;")));
        return m.find() ? m.group() : "";
    }

    private static WebElement active() {
        return browser.switchTo().activeElement();
    }

    private static List<Long> waitForPixels(int viewports) {
        return new WebDriverWait(browser, Duration.ofSeconds(180)).pollingEvery(Duration.ofMillis(500))
                .ignoring(ScriptTimeoutException.class)
                .until(d -> {
                    List<Long> n = Chromium.brightPerCanvas(d);
                    return n.stream().filter(v -> v > 1000).count() >= viewports ? n : null;
                });
    }

    /** Orthanc's study id: SHA-1 of "PatientID|StudyInstanceUID" in 8-8-8-8-8 form (Orthanc's DicomInstanceHasher). */
    static String orthancId(String studyUid) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest((PATIENT_ID + "|" + studyUid).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String hex = java.util.HexFormat.of().formatHex(d);
            return hex.substring(0, 8) + "-" + hex.substring(8, 16) + "-" + hex.substring(16, 24) + "-"
                    + hex.substring(24, 32) + "-" + hex.substring(32, 40);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uid() {
        UUID u = UUID.randomUUID();
        BigInteger n = new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return "2.25." + n;
    }

    /**
     * Two studies of one patient: A (ACC7001, 2026-11-01) from the real MR brain, B (ACC7002, 2026-11-02) from the CT
     * volume that scripts/ct_volume.sh builds from the real ankle CT (the MR brain's slices are not a volume OHIF
     * reconstructs, so volume rendering would stay empty).
     */
    private static void load(TestOrthanc o) throws Exception {
        Path tmp = Files.createTempDirectory("ohif-bridge-it-portal-");
        Path volume = Path.of(System.getProperty("volume.dir", ".cache/ct-volume"));
        String[][] studies = {{UID_A, "ACC7001", "20261101", "PORTAL HEAD A", TestOrthanc.samplesDir().resolve("mr-brain").toString()},
                {UID_B, "ACC7002", "20261102", "PORTAL CT B", volume.toString()}};
        for (String[] s : studies) {
            Path dir = Files.createDirectories(tmp.resolve(s[1]));
            try (Stream<Path> files = Files.list(Path.of(s[4]))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb", "-q", "-gin",
                    "-i", "(0020,000d)=" + s[0], "-i", "(0020,000e)=" + uid(), "-i", "(0010,0020)=" + PATIENT_ID,
                    "-i", "(0010,0010)=" + PATIENT_NAME, "-i", "(0008,0050)=" + s[1], "-i", "(0008,0020)=" + s[2],
                    "-i", "(0008,1030)=" + s[3]));
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> cmd.add(p.toString()));
            }
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            assertEquals(0, p.waitFor(), "dcmodify");
            o.uploadAll(dir);
        }
        HttpResponse<byte[]> found = o.send("POST", "/tools/find",
                ("{\"Level\":\"Study\",\"Query\":{\"PatientID\":\"" + PATIENT_ID + "\"}}").getBytes());
        assertEquals(2, Json.MAPPER.readTree(found.body()).size(), "two studies loaded");
        assertTrue(Stream.of(UID_A, UID_B).allMatch(u -> {
            try {
                return o.get("/studies/" + orthancId(u)).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }), "Orthanc's ids as computed here");
    }
}
