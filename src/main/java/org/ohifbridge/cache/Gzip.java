package org.ohifbridge.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** RFC 1952 gzip of byte arrays, with a bound on what inflating may produce (no gzip bombs from a cache). */
public final class Gzip {
    private Gzip() {
    }

    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws IOException when the data is not gzip or inflates to more than {@code limit} bytes */
    public static byte[] decompress(byte[] gz, int limit) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            byte[] out = in.readNBytes(limit + 1);
            if (out.length > limit) {
                throw new IOException("inflates to more than " + limit + " bytes");
            }
            return out;
        }
    }
}
