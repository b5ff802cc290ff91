package org.ohifbridge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ohifbridge.Json;
import org.ohifbridge.web.ErrorBody;

/** The WAR's own 401/403 answers: a small page for a browser, small JSON for everything else. Never cached. */
final class SignOnPages {
    private SignOnPages() {
    }

    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message, String detail)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        if (wantsHtml(request)) {
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write(page(message, escape(detail)));
        } else {
            response.setContentType("application/json");
            Json.MAPPER.writeValue(response.getOutputStream(), new ErrorBody(status, message));
        }
    }

    static void signedOut(HttpServletResponse response, String contextPath) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write(page("Signed out", "Your session has ended. With BASIC sign-on the browser keeps the"
                + " password until it is closed: close it on a shared workstation. <a href=\"" + escape(contextPath)
                + "/ohif/\">Open the viewer again</a>"));
    }

    private static String page(String title, String detailHtml) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + detailHtml + "</p></body></html>";
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
