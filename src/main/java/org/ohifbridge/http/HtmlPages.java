package org.ohifbridge.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * How the server-rendered pages (launcher, chooser, messages) go out: never cached (they list patients), no script
 * allowed at all, no framing by other sites, no referrer to other origins (a deep link's query names a patient).
 */
public final class HtmlPages {
    public static final MediaType HTML = MediaType.valueOf("text/html; charset=utf-8");
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'self'; base-uri 'none'";

    private HtmlPages() {
    }

    public static Response.ResponseBuilder page(int status, String html) {
        return Response.status(status).entity(html).type(HTML)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
