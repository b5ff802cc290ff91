package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as the sign-on flows see it, without a browser: a cookie jar, browser Accept headers, redirects followed
 * one by one (every Set-Cookie is kept for the tests), and Keycloak's real login form filled in and posted.
 */
final class BrowserSession {
    static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    // HTTP/1.1 as browsers speak it over http:// (no h2c upgrade: that would pin the connection to one node behind a
    // load balancer, which no browser does)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new LoopbackCookies(jar)).build();
    /** Every Set-Cookie header seen, in order. */
    final List<String> setCookies = new ArrayList<>();

    /**
     * Opens {@code url} as a browser would, signs on at Keycloak's form and follows the redirects back.
     * @return the last response (the viewer page, or the WAR's 403 page for a user without the role)
     */
    HttpResponse<String> signOn(String url, String user, String password) throws IOException {
        HttpResponse<String> page = follow(send("GET", url, null, "Accept", HTML));
        assertEquals(200, page.statusCode(), "Keycloak's login page: " + page.uri());
        Matcher m = FORM.matcher(page.body());
        assertTrue(m.find(), "a login form at " + page.uri());
        String action = m.group(1).replace("&amp;", "&");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        return follow(send("POST", action, form, "Accept", HTML, "Content-Type", "application/x-www-form-urlencoded"));
    }

    HttpResponse<String> follow(HttpResponse<String> r) throws IOException {
        for (int hops = 0; hops < 15 && r.statusCode() / 100 == 3; hops++) {
            String location = r.headers().firstValue("Location").orElseThrow();
            r = send("GET", r.uri().resolve(location).toString(), null, "Accept", HTML);
        }
        return r;
    }

    HttpResponse<String> send(String method, String url, String body, String... headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            setCookies.addAll(r.headers().allValues("Set-Cookie"));
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Keycloak marks its login cookies Secure even on http://127.0.0.1, and java.net's CookieManager never sends
     * Secure cookies over http (a browser treats loopback as a secure context and does): look them up as https.
     */
    private static final class LoopbackCookies extends CookieHandler {
        private final CookieManager delegate;

        LoopbackCookies(CookieManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            try {
                URI https = new URI("https", uri.getUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
                return delegate.get(https, headers);
            } catch (java.net.URISyntaxException e) {
                return delegate.get(uri, headers);
            }
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            delegate.put(uri, headers);
        }
    }
}
