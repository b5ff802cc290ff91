package org.ohifbridge.dicomjson;

/**
 * A study whose DICOM JSON would exceed a cap: refused before anything is built. {@code NumberOfFrames} is read from
 * the files, so one broken or crafted instance (2,147,483,647 frames) must not turn into billions of entries.
 */
public final class DocumentTooLarge extends RuntimeException {
    /** Which cap. */
    public enum Cap {
        FRAMES_PER_INSTANCE, ENTRIES,
        /** The instance records one build holds. */
        RECORD_BYTES,
        /** The compressed document. */
        BYTES
    }

    private final Cap cap;
    private final long limit;

    public DocumentTooLarge(Cap cap, long limit, String message) {
        super(message, null, false, false);
        this.cap = cap;
        this.limit = limit;
    }

    public Cap cap() {
        return cap;
    }

    public long limit() {
        return limit;
    }
}
