package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Samples;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A radiologist's morning with SignOn=oidc: a portal link to the MR brain, Keycloak's real login form, the viewer
 * renders, and the session still works after the 15-second access token has expired (the WAR refreshes it; the
 * browser never holds a token).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignOnBrowserIT extends BrowserTest {

    @Deployment(testable = false)
    static WebArchive war() throws IOException {
        Map<String, String> s = new java.util.LinkedHashMap<>(Keycloak.oidcSettings());
        s.putAll(Deployments.orthanc(TestOrthanc.shared()));
        return Deployments.war("signon-browser.war", s);
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void awaitKeycloak() throws Exception {
        Keycloak.awaitReady();
    }

    @Test
    void signOnAtKeycloakThenTheViewerRendersAndOutlivesTheToken() throws Exception {
        browser.get(base + "ohif/viewer?StudyInstanceUIDs=" + Samples.BRAIN_UID);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.issuer() + "/"), "Keycloak's page: " + browser.getCurrentUrl());
        Chromium.screenshot(browser, "signon-keycloak-login");
        browser.findElement(By.id("username")).sendKeys("viewer");
        browser.findElement(By.id("password")).sendKeys("viewer-pw");
        browser.findElement(By.id("kc-login")).click();
        long signedOn = System.nanoTime();

        long bright = new WebDriverWait(browser, Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(250))
                .until(d -> {
                    if (!d.getCurrentUrl().startsWith(base.toString())) {
                        return null;
                    }
                    long n = Chromium.brightPerCanvas(d).stream().mapToLong(Long::longValue).max().orElse(0);
                    return n > 2000 ? n : null;
                });
        Chromium.screenshot(browser, "signon-viewer-mr-brain");
        assertTrue(browser.getCurrentUrl().startsWith(base + "ohif/viewer"), browser.getCurrentUrl());
        assertTrue(bright > 2000);
        assertEquals(List.of(), Chromium.failedRequests(browser));

        JavascriptExecutor js = (JavascriptExecutor) browser;
        String storage = (String) js.executeScript("return document.cookie + ' ' + JSON.stringify(localStorage) + ' '"
                + " + JSON.stringify(sessionStorage);");
        assertFalse(storage.contains("JSESSIONID"), "the session cookie is HttpOnly: " + storage);
        assertFalse(storage.contains("eyJ"), "no token in the browser's storage");

        Keycloak.outliveAccessToken(signedOn);
        Object status = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('../dicom-web/studies?StudyInstanceUID=" + Samples.BRAIN_UID + "', {headers: {Accept: 'application/dicom+json'}})"
                + ".then(r => r.text().then(t => done(r.status + ' ' + t.length))).catch(e => done('error ' + e));");
        assertTrue(String.valueOf(status).startsWith("200 "), "after the access token expired: " + status);
        assertTrue(Long.parseLong(String.valueOf(status).substring(4)) > 100, "the study came back: " + status);
    }
}
