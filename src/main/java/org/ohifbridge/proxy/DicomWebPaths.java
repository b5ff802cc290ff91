package org.ohifbridge.proxy;

import java.util.regex.Pattern;

/**
 * The allow-list of DICOMweb routes that OHIF uses, read-only: QIDO-RS searches and WADO-RS retrieval
 * (metadata, frames, bulk data, rendered, thumbnail). Anything else under {ctx}/dicom-web/ is refused, so
 * the WAR never becomes a general door into Orthanc.
 */
public final class DicomWebPaths {
    private static final String UID = "[0-9]{1,64}(?:\\.[0-9]{1,64}){0,63}";
    private static final String VIEWS = "(?:/(?:metadata|rendered|thumbnail))?";
    private static final String FRAMES = "/frames/[0-9]{1,6}(?:,[0-9]{1,6}){0,999}(?:/(?:rendered|thumbnail))?";
    private static final String BULK = "/bulk(?:/[0-9A-Fa-f]{8}(?:/[0-9]{1,6})?){1,8}";
    private static final String INSTANCE = "/instances(?:/" + UID + "(?:" + VIEWS + "|" + FRAMES + "|" + BULK + "))?";
    private static final String SERIES = "/series(?:/" + UID + "(?:" + VIEWS + "|" + INSTANCE + "))?";
    private static final Pattern ALLOWED = Pattern.compile(
            "studies(?:/" + UID + "(?:" + VIEWS + "|" + SERIES + "|/instances))?"
                    + "|series" + "|instances");

    private DicomWebPaths() {
    }

    /** @param rawPath the raw path below {ctx}/dicom-web/, e.g. {@code studies/1.2.3/series} */
    public static boolean isAllowed(String rawPath) {
        return rawPath != null && rawPath.length() <= 4096 && ALLOWED.matcher(rawPath).matches();
    }
}
