package org.ohifbridge.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP server on a free loopback port that stands where Orthanc would, for unit tests of what crosses the wire
 * (the real Orthanc client, the proxy): it records every request and answers as the test says.
 */
public final class StubOrthanc implements AutoCloseable {
    /** A request as the stub received it; header names in lower case. */
    public record Seen(String method, String pathAndQuery, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null ? null : String.join(",", v);
        }
    }

    /** What the stub answers. */
    public record Answer(int status, String contentType, byte[] body) {
        public static Answer json(String text) {
            return new Answer(200, "application/dicom+json", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private StubOrthanc(HttpServer server) {
        this.server = server;
    }

    public static StubOrthanc answering(Function<Seen, Answer> answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            StubOrthanc stub = new StubOrthanc(server);
            server.createContext("/", exchange -> {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                Seen s = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                        headers);
                stub.seen.add(s);
                Answer a = answer.apply(s);
                exchange.getResponseHeaders().set("Content-Type", a.contentType());
                exchange.getResponseHeaders().set("ETag", "\"orthanc-etag\"");
                exchange.getResponseHeaders().set("Server", "Orthanc-stub");
                exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(a.body());
                }
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
