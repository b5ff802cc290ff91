package org.ohifbridge.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A pass-through HTTP proxy on loopback between the WAR and a real Orthanc that records every request
 * ("GET /studies/…/instances"), so tests can count what the WAR asks Orthanc for.
 */
final class CountingProxy {
    private static final Set<String> REQUEST_HEADERS = Set.of("accept", "authorization", "content-type", "forwarded",
            "if-none-match", "if-match", "range");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "etag", "content-range",
            "www-authenticate");

    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> requests = new ArrayList<>();
    /** Every path requested since the proxy started (never reset). */
    private final Set<String> everRequested = new java.util.HashSet<>();

    CountingProxy(String targetUrl) throws IOException {
        this.target = targetUrl;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "counting-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Whether any request since the proxy started had a path containing {@code part}. */
    synchronized boolean everRequested(String part) {
        return everRequested.stream().anyMatch(p -> p.contains(part));
    }

    synchronized void reset() {
        requests.clear();
    }

    void stop() {
        server.stop(0);
    }

    private void forward(HttpExchange ex) throws IOException {
        String pathAndQuery = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        synchronized (this) {
            requests.add(ex.getRequestMethod() + " " + pathAndQuery);
            everRequested.add(ex.getRequestURI().getRawPath());
        }
        try (InputStream body = ex.getRequestBody()) {
            byte[] in = body.readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .timeout(Duration.ofSeconds(60))
                    .method(ex.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(in));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (REQUEST_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((name, values) -> {
                if (RESPONSE_HEADERS.contains(name.toLowerCase())) {
                    ex.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = r.body();
            ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
        } catch (IOException e) {
            ex.sendResponseHeaders(502, -1);
        } finally {
            ex.close();
        }
    }
}
