package org.ohifbridge.cache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a study's assembled document is kept in Orthanc, as study metadata {@value #METADATA}:
 * {@code ohif-bridge-study;<key>;<instances>;<StudyInstanceUID>;<Base64 of the gzipped JSON>}. The key comes first,
 * so checking an entry against the study's current instances needs no decoding.
 */
public final class StudyDocumentCodec {
    /** Study-level metadata index (user range; the plugin's per-instance index is 4202). */
    public static final int METADATA = 4203;
    private static final String PREFIX = "ohif-bridge-study;";
    /**
     * What a StudyInstanceUID may hold here: printable ASCII up to 128 characters, never the field separator. DICOM's
     * are digits and dots, at most 64 (PS3.5 9.1); archives also hold longer or odder ones, which are kept as they are.
     */
    private static final Pattern UID = Pattern.compile("[\\x21-\\x3a\\x3c-\\x7e]{0,128}");
    /** About 1 KB per instance uncompressed: room for studies of a few hundred thousand instances. */
    static final int MAX_DOCUMENT_BYTES = 512 << 20;

    private StudyDocumentCodec() {
    }

    /** Whether {@code uid} can be kept in the entry; a study document's UID is "" otherwise (see StudyDocuments). */
    static boolean storable(String uid) {
        return UID.matcher(uid).matches();
    }

    public static String encode(StudyDocument doc) {
        if (!storable(doc.studyUid())) {
            throw new IllegalArgumentException("not a storable StudyInstanceUID");
        }
        return PREFIX + doc.key() + ";" + doc.instances() + ";" + doc.studyUid() + ";"
                + Base64.getEncoder().encodeToString(doc.gzip());
    }

    /** The document when the entry is well-formed and was built for {@code expectedKey}. */
    public static Optional<StudyDocument> decode(String stored, String expectedKey) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split(";", 4);
        if (parts.length != 4 || !parts[0].equals(expectedKey) || !UID.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        try {
            int instances = Integer.parseInt(parts[1]);
            byte[] gz = Base64.getDecoder().decode(parts[3].strip().getBytes(StandardCharsets.US_ASCII));
            Gzip.decompress(gz, MAX_DOCUMENT_BYTES); // whole and readable, or not used
            return Optional.of(new StudyDocument(expectedKey, parts[2], gz, instances));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
