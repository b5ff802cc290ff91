package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;

/**
 * The test identity provider: the real Keycloak the pom starts on loopback (scripts/run-keycloak.sh) with the realm
 * of src/test/keycloak/ohif-realm.json: client ohif-bridge, users viewer, admin (viewer and admin roles) and norole,
 * access tokens that live 15 s.
 */
final class Keycloak {
    static final String CLIENT = "ohif-bridge";
    static final String SECRET = "ohif-bridge-test-secret";
    static final int TOKEN_SECONDS = 15;
    /** The clock skew the WAR tolerates (BearerTokens.CLOCK_SKEW_SECONDS). */
    static final int CLOCK_SKEW_SECONDS = 10;
    private static final HttpClient CLIENT_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static boolean ready;

    private Keycloak() {
    }

    static String issuer() {
        return System.getProperty("keycloak.url", "http://127.0.0.1:18180") + "/realms/ohif";
    }

    /**
     * Lets an access token issued at {@code issuedNanos} ({@link System#nanoTime()}) expire, with 5 s to spare: its
     * lifetime is what the tests that call this are about, so time itself must pass; there is nothing to poll.
     */
    static void outliveAccessToken(long issuedNanos) throws InterruptedException {
        outliveAccessToken(issuedNanos, 5);
    }

    /** The same, with {@code spareSeconds} past the token's lifetime. */
    static void outliveAccessToken(long issuedNanos, int spareSeconds) throws InterruptedException {
        long left = java.util.concurrent.TimeUnit.SECONDS.toNanos(TOKEN_SECONDS + spareSeconds)
                - (System.nanoTime() - issuedNanos);
        if (left > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Waits (once per JVM) until discovery answers: Keycloak starts while the first tests run. */
    static synchronized void awaitReady() throws Exception {
        if (ready) {
            return;
        }
        try {
            // connection refused while it starts: Await asks again
            Await.until("Keycloak's discovery document", Duration.ofSeconds(240), Duration.ofMillis(500),
                    () -> get(issuer() + "/.well-known/openid-configuration").statusCode() == 200);
            ready = true;
        } catch (AssertionError e) {
            Path log = Path.of(System.getProperty("keycloak.log", "target/keycloak.log"));
            fail("Keycloak did not answer within 240 s; " + log + ":\n"
                    + (Files.exists(log) ? tail(Files.readString(log)) : "(none)"));
        }
    }

    /** The password grant, as a portal or RIS integration gets its access token. */
    static String accessToken(String user, String password) throws Exception {
        awaitReady();
        String form = "grant_type=password&scope=openid&client_id=" + CLIENT + "&client_secret=" + SECRET
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).path("access_token").asText();
    }

    /** The WAR's settings for SignOn=oidc against this provider (the secret as a file, as the README advises). */
    static Map<String, String> oidcSettings() throws IOException {
        Path secret = Files.createTempFile("ohif-bridge-it-oidc-", ".secret");
        Files.writeString(secret, SECRET + "\n");
        Map<String, String> s = new LinkedHashMap<>();
        s.put("SignOn", "oidc");
        s.put("OidcIssuer", issuer());
        s.put("OidcClientId", CLIENT);
        s.put("OidcClientSecretFile", secret.toString());
        return s;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
