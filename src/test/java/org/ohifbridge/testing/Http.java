package org.ohifbridge.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/** Plain HTTP calls to the WAR under test (no redirects followed, nothing decompressed behind our back). */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private Http() {
    }

    /** @param path relative to the deployment's base URL, raw (no leading slash) */
    public static HttpResponse<byte[]> get(URL base, String path, String... headers) throws IOException {
        return send("GET", base, path, headers);
    }

    public static HttpResponse<byte[]> send(String method, URL base, String path, String... headers)
            throws IOException {
        return send(method, URI.create(base.toString() + path), headers);
    }

    /** A POST with a body, headers as name, value, name, value … */
    public static HttpResponse<byte[]> post(URL base, String path, byte[] body, String... headers) throws IOException {
        return send(URI.create(base.toString() + path), "POST", HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Any method, no body, headers as name, value, name, value … */
    public static HttpResponse<byte[]> send(String method, URI uri, String... headers) throws IOException {
        return send(uri, method, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private static HttpResponse<byte[]> send(URI uri, String method, HttpRequest.BodyPublisher body, String... headers)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    public static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    public static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
