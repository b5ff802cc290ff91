package org.ohifbridge.orthanc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code limit} bytes of a stream; one more is an error ({@link TooLong}), not a silent truncation. */
final class BoundedInputStream extends FilterInputStream {
    /** The stream held more than the limit. */
    static final class TooLong extends IOException {
        TooLong() {
            super("answer too long");
        }
    }

    private long left;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && --left < 0) {
            throw new TooLong();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
            left -= n;
            if (left < 0) {
                throw new TooLong();
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, Math.max(left, 0)));
    }
}
