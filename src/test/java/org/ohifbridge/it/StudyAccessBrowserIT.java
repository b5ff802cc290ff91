package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.TempFolders;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Who sees which study, in Chromium (SignOn=oidc with Keycloak's real login form, the DICOMweb data source, one rule:
 * role it-site-a sees "IT Site A*"): site A's user finds only site A's studies in the launcher and gets the not-found
 * page for a deep link to a site B study; the on-call user (site A and the emergency role) follows the same link,
 * states a reason, and the viewer renders the study; the grant is on the review page and in the audit trail, and it
 * ends after EmergencyMinutes (1 here). Tomcat only: the matrix of StudyAccessIT runs on both servers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StudyAccessBrowserIT extends BrowserTest {
    @Deployment(testable = false)
    static WebArchive war() throws Exception {
        AccessStudies.all();
        Path rules = TempFolders.create("access-browser-rules-").resolve("rules.json");
        Files.writeString(rules, """
                {"rules": [{"name": "Site A", "role": "it-site-a", "studies": {"InstitutionName": "IT Site A*"}},
                           {"name": "Everything", "role": "ohif-admin", "studies": "all"}]}""");
        Map<String, String> s = new LinkedHashMap<>(Keycloak.oidcSettings());
        s.putAll(Deployments.orthanc(AccessStudies.orthanc()));
        s.put("DataSource", "dicom-web");
        s.put("StudyRulesFile", rules.toString());
        s.put("EmergencyMinutes", "1");
        s.put("DataFolder", Deployments.dataFolder("access-browser"));
        return Deployments.war("access-browser.war", s);
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void tomcatAndKeycloak() throws Exception {
        Assumptions.assumeTrue("tomcat".equals(System.getProperty("it.server")), "one server proves the browser flow");
        Keycloak.awaitReady();
    }

    private void signOn(String user) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pw");
        browser.findElement(By.id("kc-login")).click();
        // back on the WAR's pages (Keycloak's own page has an h1 too)
        wait.until(d -> d.getCurrentUrl().startsWith(base.toString()));
    }

    /** Forgets every sign-on: the WAR's session and Keycloak's (both on 127.0.0.1: cookies do not care for ports). */
    private void signOut() {
        browser.get(base.toString() + "health");
        browser.manage().deleteAllCookies();
        browser.get(Keycloak.issuer() + "/.well-known/openid-configuration"); // Keycloak's cookies have its path
        browser.manage().deleteAllCookies();
    }

    private String h1() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        return browser.findElement(By.tagName("h1")).getText();
    }

    @Test
    void aRestrictedUserSeesTheirStudiesAndAnEmergencyOpensAnotherForAWhile() throws Exception {
        AccessStudies.Study b1 = AccessStudies.named("B1");
        // site A's user: the launcher lists site A's studies only; a link to a site B study is not found
        browser.get(base.toString());
        signOn("sitea");
        assertEquals("Studies", h1());
        String list = browser.getPageSource();
        Chromium.screenshot(browser, "access-launcher-site-a");
        for (String key : List.of("A1", "A2", "B1", "B2", "C1")) {
            assertEquals(key.startsWith("A"), list.contains("ACC-" + key), key + " in site A's list");
        }
        browser.get(base + "open?StudyInstanceUIDs=" + b1.uid());
        assertEquals("No study found", h1());
        assertFalse(browser.getPageSource().contains("Emergency"), "no emergency access without the role");
        signOut();

        // the on-call radiologist: the same link asks why, then the viewer renders the study
        var log = ServerLog.mark();
        browser.get(base + "open?StudyInstanceUIDs=" + b1.uid());
        signOn("oncall");
        assertEquals("Emergency access", h1());
        assertFalse(browser.getPageSource().contains("IT Site B"), "nothing of the study before the grant");
        Chromium.screenshot(browser, "access-emergency-page");
        browser.findElement(By.id("reason")).sendKeys("Stroke alert at site A, prior CT was done at site B");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        long granted = System.nanoTime();
        long bright = new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(250))
                .until(d -> {
                    if (!d.getCurrentUrl().startsWith(base + "ohif/viewer")) {
                        return null;
                    }
                    long n = Chromium.brightPerCanvas(d).stream().mapToLong(Long::longValue).max().orElse(0);
                    return n > 2000 ? n : null;
                });
        Chromium.screenshot(browser, "access-emergency-viewer");
        assertTrue(browser.getCurrentUrl().contains("StudyInstanceUIDs=" + b1.uid()), browser.getCurrentUrl());
        assertTrue(bright > 2000);
        assertEquals(List.of(), Chromium.failedRequests(browser));

        // reviewed: the admin's page lists the grant; the audit trail has it with the reason
        HttpResponse<byte[]> review = Http.get(base, "admin/emergency-access", "Authorization",
                "Bearer " + Keycloak.accessToken("admin", "admin-pw"));
        String page = new String(review.body(), StandardCharsets.UTF_8);
        assertEquals(200, review.statusCode(), page);
        assertTrue(page.contains("oncall") && page.contains(b1.uid()) && page.contains("prior CT was done at site B")
                && page.contains("(active)"), page);
        Await.until("the grant's audit event", Duration.ofSeconds(20), () -> {
            String audit = ServerLog.since(log);
            return audit.contains("emergency-access") && audit.contains("prior CT was done at site B");
        });

        // it ends: after EmergencyMinutes the study is hidden again, in the same session
        long wait = Duration.ofSeconds(62).toNanos() - (System.nanoTime() - granted);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('" + base + "dicom-web/studies/" + b1.uid() + "/metadata', {headers: {Accept:"
                + " 'application/dicom+json'}}).then(r => done(r.status)).catch(e => done('error ' + e));");
        assertEquals("404", String.valueOf(status), "the grant has ended");
        String after = new String(Http.get(base, "admin/emergency-access", "Authorization",
                "Bearer " + Keycloak.accessToken("admin", "admin-pw")).body(), StandardCharsets.UTF_8);
        assertTrue(after.contains("(expired)"), after);
        signOut();
    }
}
