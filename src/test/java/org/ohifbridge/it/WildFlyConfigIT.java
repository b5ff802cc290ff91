package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;

/**
 * The wildfly-config scripts, run as the README tells a WildFly admin to run them (jboss-cli.sh with a
 * properties file), each one twice, against the real WildFly of this run: settings become system properties
 * that a WAR without context parameters starts with, deploy.cli deploys and redeploys, https.cli serves the
 * admin's keystore over HTTP/2. WildFly only (the pom leaves it out on Tomcat).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyConfigIT {
    private static Path work;

    /** Another deployment, with its settings as context parameters, that must live through the scripts. */
    @Deployment(testable = false)
    static WebArchive bystander() {
        return Deployments.war("bystander.war", Deployments.orthanc(TestOrthanc.shared()));
    }

    @ArquillianResource
    URL bystander;

    @BeforeAll
    static void onWildFlyOnly() throws IOException {
        assumeTrue(ServerLog.wildfly(), "wildfly-config is for WildFly");
        work = Files.createTempDirectory("ohif-bridge-cli-");
    }

    @AfterAll
    static void clearSettings() throws IOException {
        if (work != null) {
            // an empty properties file removes every ohifbridge.* property settings.cli manages
            cli(properties(Map.of()), "settings.cli");
            cli(null, null, "undeploy ohif-bridge.war");
            try (var files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(work);
        }
    }

    @Test
    @Order(1)
    void settingsAndDeployTwiceThenChangedThenCleared() throws Exception {
        Path a = properties(Map.of("orthanc.url", TestOrthanc.shared().url(), "data.source", "dicom-json",
                "preload", "false", "data.folder", work.resolve("data").toString(),
                "war.path", System.getProperty("war.file"), "war.runtime.name", "cli.war"));
        for (int run = 1; run <= 2; run++) {
            cli(a, "settings.cli");
            cli(a, "deploy.cli");
            assertEquals("\"dicom-json\"", attribute("/system-property=ohifbridge.DataSource", "value"), "run " + run);
            assertEquals("\"OK\"", attribute("/deployment=ohif-bridge.war", "status"), "run " + run);
        }
        URL cliWar = new URL(bystander, "/cli/");
        assertEquals(200, Http.get(cliWar, "health").statusCode());
        assertEquals(401, Http.get(cliWar, "ohif/app-config.js").statusCode(), "signed on by default (BASIC, ApplicationRealm)");
        String viewer = "Basic " + java.util.Base64.getEncoder().encodeToString("it-viewer:it-viewer-secret".getBytes(StandardCharsets.UTF_8));
        String config = Http.text(Http.get(cliWar, "ohif/app-config.js", "Authorization", viewer));
        assertTrue(config.contains("dicomjson"), "the WAR took DataSource from the system property: " + config);

        // a changed value replaces the old one, and the WAR is redeployed with it (here: open for viewing)
        Path b = properties(Map.of("orthanc.url", TestOrthanc.shared().url(), "data.source", "dicom-web",
                "sign.on", "anonymous", "war.path", System.getProperty("war.file"), "war.runtime.name", "cli.war"));
        cli(b, "settings.cli");
        assertEquals("\"dicom-web\"", attribute("/system-property=ohifbridge.DataSource", "value"));
        assertTrue(cli(null, null, "/system-property=ohifbridge.Preload:read-resource").contains("failed"),
                "a setting left out of the file is removed");
        config = Http.text(Http.get(cliWar, "ohif/app-config.js"));
        assertTrue(config.contains("dicomweb") && !config.contains("dicomjson"), config);

        assertEquals(200, Http.get(bystander, "health").statusCode(), "the other deployment kept running");
    }

    @Test
    @Order(2)
    void httpsTwiceServesTheAdminsKeystoreOverHttp2() throws Exception {
        Path p = properties(Map.of("keystore.path", System.getProperty("it.keystore"),
                "keystore.password", System.getProperty("it.keystore.password")));
        for (int run = 1; run <= 2; run++) {
            String out = cli(p, "https.cli");
            assertTrue(out.contains("\"running\""), "run " + run + " leaves the server running: " + out);
            assertEquals("\"ohifBridgeSSC\"",
                    attribute("/subsystem=undertow/server=default-server/https-listener=https", "ssl-context"));
            assertEquals("true", attribute("/subsystem=undertow/server=default-server/https-listener=https", "enable-http2"));

            HttpResponse<String> r = https("health");
            assertEquals(200, r.statusCode(), "run " + run);
            assertEquals(HttpClient.Version.HTTP_2, r.version(), "run " + run);
            X509Certificate cert = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
            assertTrue(cert.getSubjectX500Principal().getName().contains("OU=ohif-bridge demo"),
                    "the keystore's certificate, not WildFly's own: " + cert.getSubjectX500Principal());
        }
        assertEquals(200, Http.get(bystander, "ohif/app-config.js").statusCode(), "deployments are back after the reload");
    }

    private HttpResponse<String> https(String path) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://127.0.0.1:" + System.getProperty("it.https.port") + bystander.getPath() + path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path properties(Map<String, String> values) throws IOException {
        Path f = Files.createTempFile(work, "ohif-bridge-", ".properties");
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    @Order(3)
    void auditLogTwiceWritesBareJsonLinesToAFileOfTheirOwn() throws Exception {
        for (int run = 1; run <= 2; run++) {
            cli(null, "audit-log.cli");
        }
        assertEquals("false", attribute("/subsystem=logging/logger=ohif-bridge.audit", "use-parent-handlers"));
        String marker = "AUDITCLI" + System.nanoTime();
        assertEquals(200, Http.get(bystander, "dicom-web/studies?PatientID=" + marker, "Accept", "application/dicom+json")
                .statusCode());
        Path file = Path.of(System.getProperty("server.logs"), "ohif-audit.log");
        // the audit writes on its own thread, after the answer
        String line = Await.value("the search in " + file, Duration.ofSeconds(5), () -> Files.exists(file)
                ? Files.readAllLines(file).stream().filter(l -> l.contains(marker)).findFirst().orElse(null) : null,
                l -> l != null);
        com.fasterxml.jackson.databind.JsonNode event = Json.MAPPER.readTree(line);
        assertEquals("search", event.path("action").asText(), line);
        assertEquals(line, event.toString(), "the line is the JSON event and nothing else");
        String serverLog = Files.readString(Path.of(System.getProperty("server.logs"), "server.log"));
        assertFalse(serverLog.contains(marker), "no longer in server.log");
    }

    private static String attribute(String address, String name) throws IOException {
        String out = cli(null, null, address + ":read-attribute(name=" + name + ")");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"result\" => (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String cli(Path properties, String script) throws IOException {
        return cli(properties, Path.of(System.getProperty("wildfly.config.dir"), script), null);
    }

    /** jboss-cli.sh as the README runs it; a script must succeed (exit code 0), a command may fail. */
    private static String cli(Path properties, Path file, String command) throws IOException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh").toString(),
                "--connect", "--controller=127.0.0.1:" + System.getProperty("it.management.port"),
                "--timeout=60000", "--resolve-parameter-values"));
        if (properties != null) {
            args.add("--properties=" + properties);
        }
        args.add(file != null ? "--file=" + file : "--command=" + command);
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "jboss-cli finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (file != null) {
            assertEquals(0, p.exitValue(), file.getFileName() + " failed:\n" + out);
            assertFalse(out.contains("WFLYCTL"), file.getFileName() + " reported an error:\n" + out);
        }
        return out;
    }
}
