package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Multipart bodies as Orthanc writes them ({@code HttpOutput.cpp}): part headers rewritten, binary parts untouched. */
class MultipartRewritingOutputStreamTest {
    static final String MARKER = "http://ohif-bridge.invalid/dicom-web/";
    static final String PUBLIC = "/pacs/dicom-web/";
    static final String BOUNDARY = MultipartBoundaryTest.ORTHANC;

    record Part(List<String> headers, byte[] body) {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A body as Orthanc writes it: "--b CRLF headers CRLF CRLF data CRLF" per part, then "--b--" and the epilogue. */
    static byte[] message(String preamble, List<Part> parts, String epilogue) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(ascii(preamble));
        for (Part p : parts) {
            m.writeBytes(ascii("--" + BOUNDARY + "\r\n"));
            p.headers().forEach(h -> m.writeBytes(ascii(h + "\r\n")));
            m.writeBytes(ascii("\r\n"));
            m.writeBytes(p.body());
            m.writeBytes(ascii("\r\n"));
        }
        m.writeBytes(ascii("--" + BOUNDARY + "--" + epilogue));
        return m.toByteArray();
    }

    static byte[] rewrite(byte[] in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MultipartRewritingOutputStream s = new MultipartRewritingOutputStream(out, BOUNDARY, ascii(MARKER),
                ascii(PUBLIC))) {
            for (int i = 0; i < in.length; i += chunk) {
                if (chunk == 1) {
                    s.write(in[i]);
                } else {
                    s.write(in, i, Math.min(chunk, in.length - i));
                }
            }
        }
        return out.toByteArray();
    }

    static Part frame(int n, byte[] pixels) {
        return new Part(List.of("Content-Location: " + MARKER + "studies/1.2/series/1.3/instances/1.4/frames/" + n,
                "Content-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1",
                "Content-Length: " + pixels.length, "MIME-Version: 1.0"), pixels);
    }

    /** Pixel data holding the marker itself, a partial delimiter and CR LF pairs: it must come out as it went in. */
    static byte[] trickyPixels() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {0, (byte) 0xFF, '\r', '\n', '-', '-'});
        p.writeBytes(ascii(MARKER + "\r\n--" + BOUNDARY.substring(0, 40) + "\r\n\r\n--"));
        p.writeBytes(ascii("\r\n-" + BOUNDARY + "\r"));
        return p.toByteArray();
    }

    @Test
    void framesGetPublicContentLocationsAndTheirPixelsUntouched() throws IOException {
        byte[] pixels = trickyPixels();
        byte[] in = message("", List.of(frame(1, pixels), frame(2, new byte[] {1, 2, 3})), "\r\n");
        byte[] expected = ascii(new String(message("", List.of(frame(1, pixels), frame(2, new byte[] {1, 2, 3})),
                "\r\n"), StandardCharsets.ISO_8859_1).replace("Content-Location: " + MARKER, "Content-Location: " + PUBLIC));
        for (int chunk : new int[] {1, 2, 3, 5, 7, 13, 64, 1 << 16}) {
            byte[] out = rewrite(in, chunk);
            assertArrayEquals(expected, out, "chunk " + chunk);
        }
        String out = new String(rewrite(in, 4096), StandardCharsets.ISO_8859_1);
        assertTrue(out.contains("Content-Location: /pacs/dicom-web/studies/1.2/series/1.3/instances/1.4/frames/2\r\n"),
                out);
        assertTrue(out.contains(new String(pixels, StandardCharsets.ISO_8859_1)), "the marker inside pixels stays");
    }

    @Test
    void aDocumentPartIsRewrittenAndLosesItsLengthABinaryPartKeepsIt() throws IOException {
        String xml = "<NativeDicomModel><BulkData uri=\"" + MARKER + "studies/1/bulk/7fe00010\"/></NativeDicomModel>";
        Part metadata = new Part(List.of("Content-Type: application/dicom+xml", "Content-Length: " + xml.length(),
                "MIME-Version: 1.0"), ascii(xml));
        Part binary = frame(1, ascii(MARKER));
        byte[] in = message("", List.of(metadata, binary), "");
        String out = new String(rewrite(in, 3), StandardCharsets.ISO_8859_1);
        String expected = "--" + BOUNDARY + "\r\nContent-Type: application/dicom+xml\r\nMIME-Version: 1.0\r\n\r\n"
                + xml.replace(MARKER, PUBLIC) + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Location: " + PUBLIC + "studies/1.2/series/1.3/instances/1.4/frames/1\r\n"
                + "Content-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n"
                + "Content-Length: " + MARKER.length() + "\r\nMIME-Version: 1.0\r\n\r\n" + MARKER + "\r\n"
                + "--" + BOUNDARY + "--";
        assertEquals(expected, out);
    }

    @Test
    void preambleUntouchedEpilogueRewrittenEmptyPartsAndPartsWithoutHeaders() throws IOException {
        String preamble = "ignored " + MARKER + "\r\n";
        byte[] in = message(preamble, List.of(new Part(List.of(), new byte[0]),
                new Part(List.of("Content-Location: " + MARKER + "x"), new byte[0])), "\r\nbye " + MARKER);
        String out = new String(rewrite(in, 1), StandardCharsets.ISO_8859_1);
        assertEquals(preamble + "--" + BOUNDARY + "\r\n\r\n\r\n--" + BOUNDARY + "\r\nContent-Location: " + PUBLIC
                + "x\r\n\r\n\r\n--" + BOUNDARY + "--\r\nbye " + PUBLIC, out);
    }

    @Test
    void aTruncatedAnswerStillNeverShowsTheMarker() throws IOException {
        byte[] in = ascii("--" + BOUNDARY + "\r\nContent-Location: " + MARKER + "studies/1");
        assertEquals("--" + BOUNDARY + "\r\nContent-Location: " + PUBLIC + "studies/1",
                new String(rewrite(in, 5), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anEndlessHeaderBlockIsRefusedNotBuffered() {
        byte[] in = message("", List.of(new Part(List.of("X: " + "a".repeat(MultipartRewritingOutputStream
                .MAX_PART_HEADER_BYTES)), new byte[0])), "");
        IOException e = assertThrows(IOException.class, () -> rewrite(in, 1000));
        assertTrue(e.getMessage().contains("exceed"), e.getMessage());
    }

    @Test
    void agreesWithAModelOnRandomAnswers() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<Part> parts = new ArrayList<>();
            List<Part> expectedParts = new ArrayList<>();
            for (int n = random.nextInt(4); n >= 0; n--) {
                byte[] body = randomBody(random);
                boolean document = random.nextInt(4) == 0;
                String type = "Content-Type: " + (document ? "application/dicom+json" : "application/octet-stream");
                String length = "Content-Length: " + body.length;
                parts.add(new Part(List.of("Content-Location: " + MARKER + round, type, length), body));
                String location = "Content-Location: " + PUBLIC + round;
                String bodyText = new String(body, StandardCharsets.ISO_8859_1);
                expectedParts.add(document
                        ? new Part(List.of(location, type), ascii(bodyText.replace(MARKER, PUBLIC)))
                        : new Part(List.of(location, type, length), body));
            }
            byte[] in = message("", parts, "");
            assertArrayEquals(message("", expectedParts, ""), rewrite(in, 1 + random.nextInt(50)), "round " + round);
        }
    }

    private static byte[] randomBody(Random random) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] pieces = {MARKER, "\r\n", "\r\n--", "\r\n--" + BOUNDARY.substring(0, 10), "h", "http://ohif", "-"};
        for (int i = random.nextInt(12); i > 0; i--) {
            if (random.nextBoolean()) {
                b.writeBytes(ascii(pieces[random.nextInt(pieces.length)]));
            } else {
                byte[] noise = new byte[random.nextInt(20)];
                random.nextBytes(noise);
                b.writeBytes(noise);
            }
        }
        return b.toByteArray();
    }
}
