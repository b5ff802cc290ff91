package org.ohifbridge.http;

import jakarta.servlet.http.HttpServletRequest;

/** The path of a request inside the WAR, as the container decoded and normalised it. */
public final class RequestPaths {
    private RequestPaths() {
    }

    /** The servlet path and path info together, e.g. {@code /dicom-web/studies}; {@code /} for the root. */
    public static String inWar(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String info = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (info == null ? "" : info);
        return path.isEmpty() ? "/" : path;
    }
}
