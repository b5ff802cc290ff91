package org.ohifbridge.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Cross-site request check for state-changing requests and logout: a browser's {@code Sec-Fetch-Site: cross-site}
 * is refused, and when the browser names the page that sent the request (Origin, else Referer), it must be this
 * server. Requests without any of these (curl, scripts, a typed URL) pass: they carry no ambient browser
 * credentials from another site.
 */
public final class SameOrigin {
    private SameOrigin() {
    }

    public static boolean isSameOriginRequest(HttpServletRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return false; // what the browser itself says (links and redirects without Origin or Referer too)
        }
        String source = request.getHeader("Origin");
        if (source == null) {
            source = request.getHeader("Referer");
        }
        if (source == null) {
            return true;
        }
        String host = request.getHeader("Host");
        try {
            URI uri = new URI(source);
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
