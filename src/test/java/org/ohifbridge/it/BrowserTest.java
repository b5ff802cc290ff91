package org.ohifbridge.it;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/**
 * What the browser tests share: one Chromium per test class (Debian's chromium and chromedriver, which
 * scripts/test.sh installs), started before the class's own set-up and stopped after its tests.
 */
abstract class BrowserTest {
    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        Chromium.stop(browser);
    }
}
