package org.ohifbridge.audit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ohifbridge.orthanc.OrthancIds;

/**
 * Which requests the audit follows, from the path inside the WAR: study content (the study document, DICOMweb
 * metadata, frames, bulk data, renderings, instance files and per-study queries), counted per study and session;
 * searches (QIDO without a study, the launcher); deep links. Static OHIF files and health are not followed (except
 * when refused: every 401/403 is an event).
 */
public final class AuditRoutes {
    /** What a request is about. */
    public enum Scope {
        /** study content named by StudyInstanceUID ({@code key} is the UID) */
        STUDY_UID,
        /** study content named by Orthanc's study id */
        ORTHANC_STUDY,
        /** study content named by Orthanc's instance id */
        ORTHANC_INSTANCE,
        /** a search: an event of its own */
        SEARCH,
        /** a deep link: an event of its own */
        LINK,
        /** the launcher (a list of studies): an event of its own */
        LAUNCHER,
        /** emergency access asked or granted: an event of its own when granted */
        EMERGENCY
    }

    /** @param kind what the request fetched (counted in the study's tally), e.g. {@code frames} */
    public record Route(Scope scope, String kind, String key) {
        public boolean studyContent() {
            return scope == Scope.STUDY_UID || scope == Scope.ORTHANC_STUDY || scope == Scope.ORTHANC_INSTANCE;
        }
    }

    /** As loose as the proxy's allow-list (DicomWebPaths), so that no UID it lets through escapes the audit. */
    private static final String UID = "([0-9][0-9.]*)";
    private static final String ID = "(" + OrthancIds.REGEX + ")";
    private static final Pattern DOCUMENT = Pattern.compile("/studies/" + ID + "/ohif-dicom-json");
    private static final Pattern FILE = Pattern.compile("/instances/" + ID + "/file");
    private static final Pattern DICOM_WEB_STUDY = Pattern.compile("/dicom-web/studies/" + UID + "(/.*)?");
    private static final Pattern DICOM_WEB_SEARCH = Pattern.compile("/dicom-web/(studies|series|instances)/?");

    private AuditRoutes() {
    }

    public static Optional<Route> of(String rawPath) {
        String path = rawPath;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // JAX-RS serves "…/file/" as "…/file"
        }
        Matcher m;
        if ((m = DICOM_WEB_STUDY.matcher(path)).matches()) {
            return Optional.of(new Route(Scope.STUDY_UID, dicomWebKind(m.group(2) == null ? "" : m.group(2)), m.group(1)));
        }
        if ((m = FILE.matcher(path)).matches()) {
            return Optional.of(new Route(Scope.ORTHANC_INSTANCE, "files", m.group(1)));
        }
        if ((m = DOCUMENT.matcher(path)).matches()) {
            return Optional.of(new Route(Scope.ORTHANC_STUDY, "document", m.group(1)));
        }
        if (DICOM_WEB_SEARCH.matcher(path).matches()) {
            return Optional.of(new Route(Scope.SEARCH, "qido", ""));
        }
        if (path.equals("/open")) {
            return Optional.of(new Route(Scope.LINK, "link", ""));
        }
        if (path.equals("/emergency-access")) {
            return Optional.of(new Route(Scope.EMERGENCY, "emergency", ""));
        }
        if (path.equals("/")) {
            return Optional.of(new Route(Scope.LAUNCHER, "launcher", ""));
        }
        return Optional.empty();
    }

    /** @param rest what follows the study UID, e.g. {@code /series/1.2/instances/1.3/frames/1} */
    static String dicomWebKind(String rest) {
        if (rest.endsWith("/metadata")) {
            return "metadata";
        }
        if (rest.contains("/frames/") || rest.contains("/bulk")) {
            return "frames";
        }
        if (rest.endsWith("/rendered") || rest.endsWith("/thumbnail")) {
            return "rendered";
        }
        if (rest.isEmpty() || rest.matches("/series/[0-9.]+(/instances/[0-9.]+)?")) {
            return "retrieve"; // whole study, series or instance as DICOM
        }
        return "query"; // the study's series or instances listed (QIDO)
    }
}
