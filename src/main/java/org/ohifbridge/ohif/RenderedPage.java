package org.ohifbridge.ohif;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** A page rendered for one base path, kept in both encodings with its strong ETag. */
public record RenderedPage(byte[] identity, byte[] gzip, String etag, String contentType) {

    public static RenderedPage of(String text, String contentType) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new RenderedPage(bytes, gzip(bytes), '"' + sha256(bytes).substring(0, 32) + '"', contentType);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
