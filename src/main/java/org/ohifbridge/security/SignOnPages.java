package org.ohifbridge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ohifbridge.http.Html;
import org.ohifbridge.http.JsonErrors;

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
        if (wantsHtml(request)) {
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write(Html.page(message, Html.text(detail)));
        } else {
            JsonErrors.write(response, status, message);
        }
    }

    static void signedOut(HttpServletResponse response, String contextPath) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write(Html.page("Signed out", "Your session has ended. With BASIC sign-on the browser keeps"
                + " the password until it is closed: close it on a shared workstation. <a href=\"" + Html.text(contextPath)
                + "/ohif/\">Open the viewer again</a>"));
    }
}
