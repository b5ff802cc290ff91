package org.ohifbridge.cache;

/**
 * A study's assembled OHIF document, kept gzip-compressed (what goes on the wire), with the key of the instance set it
 * was built from and the StudyInstanceUID it is about ("" when its records had none).
 */
public record StudyDocument(String key, String studyUid, byte[] gzip, int instances) {
    /** Strong entity tag: the document is a function of the key. */
    public String etag() {
        return '"' + key + '"';
    }

    /** The document's length as JSON, from the gzip trailer (checked against the cap when it was read). */
    public long jsonLength() {
        return Gzip.declaredLength(gzip);
    }
}
