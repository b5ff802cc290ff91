package org.ohifbridge.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium (WebGL on SwiftShader) driven by Debian's chromedriver, for the browser tests. */
final class Chromium {
    private static final Map<WebDriver, Path> PROFILES = new ConcurrentHashMap<>();

    private Chromium() {
    }

    static WebDriver start() throws IOException {
        Path userData = Files.createTempDirectory("ohif-bridge-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-unsafe-swiftshader", "--window-size=1400,900",
                // the test servers' HTTPS uses a self-signed certificate (wildfly-config/make-demo-keystore.sh)
                "--ignore-certificate-errors", "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        PROFILES.put(driver, userData);
        return driver;
    }

    /** For every sized cornerstone canvas: how many sampled pixels are not black (a black viewport gives 0). */
    private static final String BRIGHT_PER_CANVAS = """
            const out = [];
            for (const c of document.querySelectorAll('canvas.cornerstone-canvas')) {
              if (!c.width || !c.height) continue;
              const g = c.getContext('2d', {willReadFrequently: true});
              if (!g) continue;
              const d = g.getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 0; i < d.length; i += 28) if (d[i] > 16 || d[i + 1] > 16 || d[i + 2] > 16) n++;
              out.push(n);
            }
            return out;""";

    @SuppressWarnings("unchecked")
    static List<Long> brightPerCanvas(WebDriver driver) {
        return ((List<Number>) ((JavascriptExecutor) driver).executeScript(BRIGHT_PER_CANVAS)).stream()
                .map(Number::longValue).toList();
    }

    static void stop(WebDriver driver) {
        if (driver == null) {
            return;
        }
        driver.quit();
        Path userData = PROFILES.remove(driver);
        if (userData != null) {
            try (Stream<Path> files = Files.walk(userData)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover profile folder in /tmp is not worth failing a test for
            }
        }
    }

    static void screenshot(WebDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("screenshots.dir", "target/screenshots")));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Resources of the current page that came back with an HTTP error. */
    static List<?> failedRequests(WebDriver driver) {
        return (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400)"
                        + ".map(e => e.name + ' ' + e.responseStatus);");
    }
}
