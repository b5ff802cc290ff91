package org.ohifbridge.proxy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Streams a multipart body (RFC 2046 §5.1) through while replacing Orthanc's marker URL where a multipart body holds
 * text, and only there:
 * <ul>
 * <li>every part's header block: Orthanc's DICOMweb plugin gives each frame a {@code Content-Location} built from the
 * marker host ({@code Plugin/WadoRsRetrieveFrames.cpp}, {@code AnswerSingleFrame});</li>
 * <li>the body of a part that is itself a JSON or XML document (metadata as
 * {@code multipart/related; type="application/dicom+xml"}, {@code Plugin/WadoRs.cpp}, {@code AcceptMetadata}); such a
 * part loses its {@code Content-Length} header, which would lie after the rewrite (parts are delimited by the
 * boundary, the length is optional);</li>
 * <li>the epilogue after the close delimiter.</li>
 * </ul>
 * The body of every other part (frames, bulk data, DICOM files) passes byte for byte and is only scanned for the
 * boundary: a replacement there could corrupt pixel data, would make the part's {@code Content-Length} lie, and the
 * marker appears in such a body only if an instance stored that very text. The preamble, which Orthanc never writes
 * and clients ignore, passes untouched too.
 *
 * <p>Memory is bounded whatever the body's size: one header block of at most {@link #MAX_PART_HEADER_BYTES} (Orthanc
 * writes about 200 bytes) and the marker's length held back in a document part. A longer header block aborts the
 * answer rather than let the marker through.
 */
public final class MultipartRewritingOutputStream extends FilterOutputStream {
    /**
     * The longest header block of one part that is accepted (the boundary line's end, the header fields, the empty
     * line). Orthanc's blocks are about 200 bytes (Orthanc's core,
     * {@code OrthancFramework/Sources/HttpServer/HttpOutput.cpp}, {@code PrepareMultipartItemHeader}).
     */
    public static final int MAX_PART_HEADER_BYTES = 16 * 1024;

    private enum State { BODY, HEADERS, EPILOGUE }

    private final byte[] delimiter;
    private final int[] failure;
    private final String needle;
    private final String replacement;
    private final ReplacingOutputStream replacing;
    private final byte[] block = new byte[MAX_PART_HEADER_BYTES];
    private int blockLength;
    private State state = State.BODY;
    private boolean documentPart;
    /** How much of the delimiter has been seen; the body's start counts as a line start (RFC 2046 §5.1.1). */
    private int matched = 2;

    /**
     * @param boundary    from the answer's Content-Type ({@link MultipartBoundary})
     * @param needle      what to replace (ASCII)
     * @param replacement what to write instead
     */
    public MultipartRewritingOutputStream(OutputStream out, String boundary, byte[] needle, byte[] replacement) {
        super(out);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.failure = KmpTable.of(delimiter);
        this.needle = new String(needle, StandardCharsets.ISO_8859_1);
        this.replacement = new String(replacement, StandardCharsets.ISO_8859_1);
        this.replacing = new ReplacingOutputStream(out, needle, replacement);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            i = switch (state) {
                case BODY -> body(b, i, end);
                case HEADERS -> headers(b, i, end);
                case EPILOGUE -> {
                    replacing.write(b, i, end - i);
                    yield end;
                }
            };
        }
    }

    /** Writes body bytes through until the next delimiter, included; returns where it stopped. */
    private int body(byte[] b, int from, int end) throws IOException {
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (matched == 0 && c != '\r') {
                continue; // fast path: no delimiter can start here
            }
            while (matched > 0 && delimiter[matched] != c) {
                matched = failure[matched - 1];
            }
            if (delimiter[matched] == c) {
                matched++;
            }
            if (matched == delimiter.length) {
                bodyBytes(b, from, i + 1 - from);
                if (documentPart) {
                    replacing.release(); // a marker cannot continue across the boundary
                }
                documentPart = false;
                matched = 0;
                blockLength = 0;
                state = State.HEADERS;
                return i + 1;
            }
        }
        bodyBytes(b, from, end - from);
        return end;
    }

    private void bodyBytes(byte[] b, int off, int len) throws IOException {
        if (documentPart) {
            replacing.write(b, off, len);
        } else {
            out.write(b, off, len);
        }
    }

    /** Collects one header block (the rest of the boundary line up to the empty line); returns where it stopped. */
    private int headers(byte[] b, int from, int end) throws IOException {
        for (int i = from; i < end; i++) {
            if (blockLength == block.length) {
                throw new IOException("a multipart part's headers exceed " + MAX_PART_HEADER_BYTES + " bytes");
            }
            block[blockLength++] = b[i];
            if (blockLength == 2 && block[0] == '-' && block[1] == '-') {
                out.write(block, 0, 2); // the close delimiter: what follows is the epilogue
                blockLength = 0;
                state = State.EPILOGUE;
                return i + 1;
            }
            if (blockLength >= 4 && block[blockLength - 4] == '\r' && block[blockLength - 3] == '\n'
                    && block[blockLength - 2] == '\r' && block[blockLength - 1] == '\n') {
                writeBlock();
                state = State.BODY;
                return i + 1;
            }
        }
        return end;
    }

    private void writeBlock() throws IOException {
        String text = new String(block, 0, blockLength, StandardCharsets.ISO_8859_1).replace(needle, replacement);
        blockLength = 0;
        documentPart = UpstreamBody.isDocument(field(text, "content-type"));
        if (documentPart) {
            text = withoutField(text, "content-length");
        }
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String field(String block, String name) {
        for (String line : block.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static String withoutField(String block, String name) {
        StringBuilder out = new StringBuilder(block.length());
        for (String line : block.split("\r\n", -1)) {
            if (!line.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
                out.append(line).append("\r\n");
            }
        }
        return out.substring(0, out.length() - 2);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (state == State.HEADERS && blockLength > 0) {
            writeBlock(); // a truncated answer: still never let the marker through
        }
        replacing.release();
        super.close();
    }
}
