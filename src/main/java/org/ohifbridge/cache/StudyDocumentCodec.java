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
    /** What a UID may hold here: DICOM's digits and dots (PS3.5 9.1), and never the field separator. */
    private static final Pattern UID = Pattern.compile("[0-9.]{0,64}");
    /** About 1 KB per instance uncompressed: room for studies of a few hundred thousand instances. */
    static final int MAX_DOCUMENT_BYTES = 512 << 20;

    private StudyDocumentCodec() {
    }

    /** A UID that is not a DICOM UID is stored as "" (the audit then looks the study up in Orthanc). */
    public static String encode(StudyDocument doc) {
        String uid = UID.matcher(doc.studyUid()).matches() ? doc.studyUid() : "";
        return PREFIX + doc.key() + ";" + doc.instances() + ";" + uid + ";"
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
