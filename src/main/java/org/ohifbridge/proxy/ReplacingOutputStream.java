package org.ohifbridge.proxy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams bytes through while replacing every occurrence of one byte sequence with another; holds back at
 * most {@code needle.length - 1} bytes, so a metadata document of any size is never buffered whole. Used to
 * turn Orthanc's absolute DICOMweb URLs into the WAR's public path.
 */
public final class ReplacingOutputStream extends FilterOutputStream {
    private final byte[] needle;
    private final byte[] replacement;
    private final int[] failure;
    private int matched;

    public ReplacingOutputStream(OutputStream out, byte[] needle, byte[] replacement) {
        super(out);
        if (needle.length == 0) {
            throw new IllegalArgumentException("empty needle");
        }
        this.needle = needle.clone();
        this.replacement = replacement.clone();
        this.failure = KmpTable.of(needle);
    }

    @Override
    public void write(int b) throws IOException {
        byte c = (byte) b;
        while (matched > 0 && needle[matched] != c) {
            int keep = failure[matched - 1];
            out.write(needle, 0, matched - keep); // bytes that can no longer start a match
            matched = keep;
        }
        if (needle[matched] == c) {
            matched++;
            if (matched == needle.length) {
                out.write(replacement);
                matched = 0;
            }
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (matched == 0 && b[i] != needle[0]) {
                continue; // fast path: copied in bulk below
            }
            if (i > start) {
                out.write(b, start, i - start);
            }
            write(b[i]);
            start = i + 1;
        }
        if (end > start) {
            out.write(b, start, end - start);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Writes out, unchanged, the bytes held back as the start of a possible match, for a caller that knows no match
     * can continue (the end of a multipart part); the stream stays open.
     */
    public void release() throws IOException {
        if (matched > 0) {
            out.write(needle, 0, matched);
            matched = 0;
        }
    }

    @Override
    public void close() throws IOException {
        release();
        super.close();
    }
}
