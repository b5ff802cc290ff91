package org.ohifbridge.cache;

/**
 * A study's assembled OHIF document, kept gzip-compressed (what goes on the wire), with the key of the
 * instance set it was built from.
 */
public record StudyDocument(String key, byte[] gzip, int instances) {
    private static final java.util.regex.Pattern STUDY_UID =
            java.util.regex.Pattern.compile("\"StudyInstanceUID\":\"([^\"]{1,128})\"");
    private static final int HEAD = 16 * 1024;

    /**
     * The StudyInstanceUID of the document's (first) study, read from its first bytes only (the builder writes the
     * study's attributes, sorted, before its series), for the audit: no Orthanc call, no whole inflate.
     */
    public java.util.Optional<String> studyUid() {
        byte[] head = new byte[HEAD];
        int n = 0;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            for (int r; n < HEAD && (r = in.read(head, n, HEAD - n)) > 0; ) {
                n += r;
            }
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = STUDY_UID.matcher(new String(head, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** Strong entity tag: the document is a function of the key. */
    public String etag() {
        return '"' + key + '"';
    }
}
