package org.ohifbridge.ohif;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/** The public base paths of one request (see {@link PublicPaths}). */
@ApplicationScoped
public class RequestBase {
    private volatile PublicPaths paths;

    public void install(PublicPaths p) {
        this.paths = p;
    }

    public PublicPaths.Base of(HttpServletRequest request) {
        return paths.resolve(request.getContextPath(), request.getRemoteAddr(),
                request.getHeader(PublicPaths.FORWARDED_PREFIX));
    }
}
