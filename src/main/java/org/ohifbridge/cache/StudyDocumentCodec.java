package org.ohifbridge.cache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a study's assembled document is kept in Orthanc, as study metadata {@value #METADATA}:
 * {@code ohif-bridge-study;<key>;<instances>;<Base64 of the gzipped JSON>}. The key comes first, so checking
 * an entry against the study's current instances needs no decoding.
 */
public final class StudyDocumentCodec {
    /** Study-level metadata index (user range; the plugin's per-instance index is 4202). */
    public static final int METADATA = 4203;
    private static final String PREFIX = "ohif-bridge-study;";
    /** About 1 KB per instance uncompressed: room for studies of a few hundred thousand instances. */
    static final int MAX_DOCUMENT_BYTES = 512 << 20;

    private StudyDocumentCodec() {
    }

    public static String encode(StudyDocument doc) {
        return PREFIX + doc.key() + ";" + doc.instances() + ";" + Base64.getEncoder().encodeToString(doc.gzip());
    }

    /** The document when the entry is well-formed and was built for {@code expectedKey}. */
    public static Optional<StudyDocument> decode(String stored, String expectedKey) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split(";", 3);
        if (parts.length != 3 || !parts[0].equals(expectedKey)) {
            return Optional.empty();
        }
        try {
            int instances = Integer.parseInt(parts[1]);
            byte[] gz = Base64.getDecoder().decode(parts[2].strip().getBytes(StandardCharsets.US_ASCII));
            Gzip.decompress(gz, MAX_DOCUMENT_BYTES); // whole and readable, or not used
            return Optional.of(new StudyDocument(expectedKey, gz, instances));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
