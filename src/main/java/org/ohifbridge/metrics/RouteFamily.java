package org.ohifbridge.metrics;

import java.util.regex.Pattern;

/**
 * A request's route family, the only thing of its path a metric may carry: a small fixed set of names, never an id,
 * a UID or a query (they would be patient data, and unbounded label values).
 */
final class RouteFamily {
    private static final Pattern DOCUMENT = Pattern.compile("/studies/[^/]+/ohif-dicom-json");
    private static final Pattern FILE = Pattern.compile("/instances/[^/]+/file");

    private RouteFamily() {
    }

    /** @param path the path inside the WAR, e.g. {@code /dicom-web/studies/1.2.3/series} */
    static String of(String path) {
        if (path.startsWith("/dicom-web/") || path.equals("/dicom-web")) {
            if (path.contains("/frames/")) {
                return "dicom-web-frames";
            }
            if (path.endsWith("/rendered") || path.endsWith("/thumbnail")) {
                return "dicom-web-rendered";
            }
            if (path.endsWith("/metadata")) {
                return "dicom-web-metadata";
            }
            if (path.contains("/bulk")) {
                return "dicom-web-bulk";
            }
            return path.matches("/dicom-web/(studies|series|instances)/?") || path.endsWith("/series")
                    || path.endsWith("/instances") ? "dicom-web-search" : "dicom-web-other";
        }
        if (path.equals("/ohif") || path.startsWith("/ohif/")) {
            return "ohif";
        }
        if (DOCUMENT.matcher(path).matches()) {
            return "study-json";
        }
        if (FILE.matcher(path).matches()) {
            return "file";
        }
        if (path.equals("/health") || path.startsWith("/health/")) {
            return "health";
        }
        if (path.equals("/") || path.isEmpty() || path.equals("/open")) {
            return "launcher";
        }
        if (path.equals("/callback") || path.equals("/logout")) {
            return "sign-on";
        }
        if (path.startsWith("/admin/") || path.equals("/preload/status")) {
            return "admin";
        }
        return path.equals("/metrics") ? "metrics" : "other";
    }
}
