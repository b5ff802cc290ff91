package org.ohifbridge.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
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

    /**
     * Inflates {@code gz} into {@code out} a buffer at a time, at most {@code limit} bytes (a document that claims less
     * than it holds is cut there): a client without gzip costs a buffer, not a copy of the document.
     */
    public static void inflateTo(byte[] gz, OutputStream out, long limit) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            byte[] buffer = new byte[16 * 1024];
            long left = limit;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /**
     * The uncompressed length a gzip member declares in its trailer (ISIZE, RFC 1952 section 2.3.1: the length modulo
     * 2^32; documents are far below that), or -1 when the data is too short to be gzip.
     */
    public static long declaredLength(byte[] gz) {
        if (gz.length < 18 || (gz[0] & 0xff) != 0x1f || (gz[1] & 0xff) != 0x8b) {
            return -1;
        }
        int n = gz.length;
        return (gz[n - 4] & 0xffL) | (gz[n - 3] & 0xffL) << 8 | (gz[n - 2] & 0xffL) << 16 | (gz[n - 1] & 0xffL) << 24;
    }

    /** CRC-32 of the compressed bytes, as 8 hex digits: a cheap check that a stored copy is whole. */
    public static String checksum(byte[] gz) {
        CRC32 crc = new CRC32();
        crc.update(gz);
        return String.format("%08x", crc.getValue());
    }

    /**
     * A gzip stream into memory that refuses to hold more than {@code limit} compressed bytes
     * ({@link TooLarge}): what a build keeps of its document is bounded whatever the study.
     */
    static final class BoundedSink extends FilterOutputStream {
        private final Bounded bytes;

        BoundedSink(long limit) throws IOException {
            this(new Bounded(limit));
        }

        private BoundedSink(Bounded bytes) throws IOException {
            super(new GZIPOutputStream(bytes, 16 * 1024));
            this.bytes = bytes;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        /** The compressed bytes, once closed. */
        byte[] gzip() {
            return bytes.toByteArray();
        }
    }

    /** More than a sink's limit was written. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("more than " + limit + " compressed bytes");
        }
    }

    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        private final long limit;

        Bounded(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + (long) len > limit) {
                throw new TooLarge(limit);
            }
            bytes.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
