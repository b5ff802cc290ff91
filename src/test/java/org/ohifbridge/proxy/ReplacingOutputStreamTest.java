package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplacingOutputStreamTest {
    private static String run(String input, String needle, String replacement, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        try (ReplacingOutputStream r = new ReplacingOutputStream(out, needle.getBytes(StandardCharsets.UTF_8),
                replacement.getBytes(StandardCharsets.UTF_8))) {
            for (int i = 0; i < in.length; i += chunk) {
                if (chunk == 1) {
                    r.write(in[i]);
                } else {
                    r.write(in, i, Math.min(chunk, in.length - i));
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void replacesAcrossWriteBoundaries() throws IOException {
        String in = "{\"BulkDataURI\":\"http://ohif-bridge.invalid/dicom-web/studies/1/bulk\"},"
                + "\"http://ohif-bridge.invalid/dicom-web/x\"";
        String expected = "{\"BulkDataURI\":\"/pacs/dicom-web/studies/1/bulk\"},\"/pacs/dicom-web/x\"";
        for (int chunk : new int[] {1, 2, 3, 7, 16, 1000}) {
            assertEquals(expected, run(in, "http://ohif-bridge.invalid/dicom-web/", "/pacs/dicom-web/", chunk), "chunk " + chunk);
        }
    }

    @Test
    void partialAndOverlappingMatches() throws IOException {
        assertEquals("aaX", run("aaaab", "aab", "X", 1));
        assertEquals("abaX", run("abaabab", "abab", "X", 3));
        assertEquals("http://ohif-bridge.inv", run("http://ohif-bridge.inv", "http://ohif-bridge.invalid/", "Y", 4),
                "a prefix left at the end is written out unchanged");
        assertEquals("", run("", "abc", "X", 1));
    }

    @Test
    void releaseWritesAHeldBackPrefixUnchangedAndKeepsTheStreamOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplacingOutputStream r = new ReplacingOutputStream(out, "abc".getBytes(StandardCharsets.UTF_8),
                "X".getBytes(StandardCharsets.UTF_8));
        r.write("xab".getBytes(StandardCharsets.UTF_8));
        assertEquals("x", out.toString(StandardCharsets.UTF_8), "\"ab\" held back");
        r.release();
        r.write("cabc".getBytes(StandardCharsets.UTF_8));
        assertEquals("xabcX", out.toString(StandardCharsets.UTF_8), "no match across a release");
    }

    @Test
    void agreesWithStringReplaceOnRandomInput() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                b.append("ab".charAt(random.nextInt(2)));
            }
            String needle = random.nextBoolean() ? "aab" : "abab";
            assertEquals(b.toString().replace(needle, "#"), run(b.toString(), needle, "#", 1 + random.nextInt(5)),
                    b + " / " + needle);
        }
    }
}
