package org.ohifbridge.cache;

/**
 * A study's assembled OHIF document, kept gzip-compressed (what goes on the wire), with the key of the
 * instance set it was built from.
 */
public record StudyDocument(String key, byte[] gzip, int instances) {
    /** Strong entity tag: the document is a function of the key. */
    public String etag() {
        return '"' + key + '"';
    }
}
