package org.ohifbridge.cache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a study's assembled document is kept in Orthanc, as study metadata {@value #METADATA}:
 * {@code ohif-bridge-study;<key>;<instances>;<StudyInstanceUID>;<CRC-32 of the gzip>;<Base64 of the gzipped JSON>}.
 * The key comes first, so checking an entry against the study's current instances needs no decoding; the checksum and
 * the length in the gzip trailer let an entry be checked whole and within the cap without inflating it. What Orthanc
 * hands back is untrusted: an entry over the size cap is not even read.
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
    private static final Pattern CRC = Pattern.compile("[0-9a-f]{8}");
    /** Most JSON a document may inflate to: about 1 KB per entry, well above {@code MaxDocumentEntries}' range. */
    static final long MAX_DOCUMENT_BYTES = 1L << 30;
    /** Most compressed bytes of one document (entries repeat a lot: a 50,000-frame document gzips to a few MB). */
    static final int MAX_GZIP_BYTES = 64 << 20;
    /** Longest entry read from Orthanc at all. */
    static final int MAX_STORED_CHARS = MAX_GZIP_BYTES / 3 * 4 + 1024;

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
        return PREFIX + doc.key() + ";" + doc.instances() + ";" + doc.studyUid() + ";" + Gzip.checksum(doc.gzip()) + ";"
                + Base64.getEncoder().encodeToString(doc.gzip());
    }

    /** The document when the entry is well-formed, whole, within the caps and was built for {@code expectedKey}. */
    public static Optional<StudyDocument> decode(String stored, String expectedKey) {
        if (stored == null || stored.length() > MAX_STORED_CHARS || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split(";", 5);
        if (parts.length != 5 || !parts[0].equals(expectedKey) || !UID.matcher(parts[2]).matches()
                || !CRC.matcher(parts[3]).matches()) {
            return Optional.empty();
        }
        try {
            int instances = Integer.parseInt(parts[1]);
            byte[] gz = Base64.getDecoder().decode(parts[4].strip().getBytes(StandardCharsets.US_ASCII));
            long length = Gzip.declaredLength(gz);
            if (instances < 0 || !Gzip.checksum(gz).equals(parts[3]) || length < 0 || length > MAX_DOCUMENT_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new StudyDocument(expectedKey, parts[2], gz, instances));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
