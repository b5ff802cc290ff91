package org.ohifbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Small gzip streams that inflate to a lot: hostile cached metadata for tests. */
public final class GzipBombs {
    private GzipBombs() {
    }

    /** gzip of {@code n} zero bytes, written a block at a time (about 1/1000 of {@code n} compressed). */
    public static byte[] zeros(long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] block = new byte[1 << 20];
            for (long left = n; left > 0; left -= block.length) {
                gz.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
