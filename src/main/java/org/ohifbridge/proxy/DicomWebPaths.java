package org.ohifbridge.proxy;

import java.util.regex.Pattern;

/**
 * The allow-list of DICOMweb routes that OHIF uses, read-only: QIDO-RS searches and WADO-RS retrieval
 * (metadata, frames, bulk data, rendered, thumbnail). Anything else under {ctx}/dicom-web/ is refused, so
 * the WAR never becomes a general door into Orthanc.
 *
 * <p>Empty segments ({@code dicom-web//studies/1.2.3//series}) are collapsed first, as Orthanc's own web server
 * does before routing (CivetWeb, {@code src/civetweb.c}, {@code remove_dot_segments}: "replace all // by /"), so a
 * client that joins its base URL and a route with one slash too many gets the same answer here as from Orthanc.
 * Nothing else is normalised: dot segments, encoded slashes ({@code %2F}) and matrix parameters ({@code ;x})
 * still fail the allow-list, and so does a trailing slash.
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
    private static final Pattern ARCHIVE_SEARCH = Pattern.compile("studies|series|instances");
    private static final Pattern STUDY_SEARCH = Pattern.compile(
            "studies/" + UID + "/(?:series|instances)|studies/" + UID + "/series/" + UID + "/instances");

    private DicomWebPaths() {
    }

    /**
     * The raw path below {ctx}/dicom-web/ with every run of slashes made one and the leading ones dropped:
     * {@code //studies//1.2.3/series} becomes {@code studies/1.2.3/series}. Only slashes are touched.
     */
    public static String collapseEmptySegments(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            boolean repeated = c == '/' && (out.length() == 0 || out.charAt(out.length() - 1) == '/');
            if (!repeated) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @param rawPath the raw path below {ctx}/dicom-web/, e.g. {@code studies/1.2.3/series} */
    public static boolean isAllowed(String rawPath) {
        return rawPath != null && rawPath.length() <= 4096 && ALLOWED.matcher(rawPath).matches();
    }

    /** A QIDO-RS search over the whole archive: {@code studies}, {@code series}, {@code instances}. */
    public static boolean isArchiveSearch(String allowedPath) {
        return ARCHIVE_SEARCH.matcher(allowedPath).matches();
    }

    /** A QIDO-RS search inside one study: its series, its instances, or one series' instances. */
    public static boolean isStudySearch(String allowedPath) {
        return allowedPath.length() <= 4096 && STUDY_SEARCH.matcher(allowedPath).matches();
    }

    /** A WADO-RS rendered or thumbnail request (study, series, instance or frames). */
    public static boolean isRendered(String allowedPath) {
        return allowedPath.endsWith("/rendered") || allowedPath.endsWith("/thumbnail");
    }
}
