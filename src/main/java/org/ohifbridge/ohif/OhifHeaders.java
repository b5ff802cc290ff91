package org.ohifbridge.ohif;

import jakarta.servlet.http.HttpServletResponse;

/** Response headers shared by everything under {ctx}/ohif/. */
public final class OhifHeaders {
    /** Content-hashed file names never change content. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Pages and unhashed files: always revalidate (cheap thanks to ETag and 304). */
    public static final String REVALIDATE = "no-cache";

    private OhifHeaders() {
    }

    /**
     * Cross-origin isolation (SharedArrayBuffer for OHIF's volume rendering; web.dev/coop-coep), as the plugin
     * sends them, plus nosniff.
     */
    public static void isolation(HttpServletResponse response) {
        response.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
