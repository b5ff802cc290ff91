package org.ohifbridge.ohif;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.ohifbridge.http.AcceptEncoding;
import org.ohifbridge.http.ETags;
import org.ohifbridge.http.Html;
import org.ohifbridge.http.PublicBase;
import org.ohifbridge.http.PublicPaths;

/**
 * Everything under {@code {ctx}/ohif}: sets the isolation headers, redirects {@code /ohif} to {@code /ohif/},
 * refuses a viewer link whose {@code url=} points elsewhere, and answers the two pages rendered for the request's base
 * path, {@code app-config.js} and {@code index.html} (also for every client route, i.e. any extension-less path, so
 * future OHIF modes need no change). Files go on to {@link OhifAssetResource}.
 */
@Dependent
public class OhifPageFilter extends HttpFilter {
    /** The viewer fetches from this origin only, and only this origin's pages may frame it (no clickjacking). */
    static final String CONNECT_SELF = "connect-src 'self' blob: data:; frame-ancestors 'self'";
    private static final String REFUSED_LINK = Html.page("Link refused", "This viewer link asks the viewer to load data"
            + " from another server. ohif-bridge only opens studies from this server.");

    private final transient OhifPages pages;
    private final transient PublicPaths publicPaths;

    @Inject
    public OhifPageFilter(OhifPages pages, PublicPaths publicPaths) {
        this.pages = pages;
        this.publicPaths = publicPaths;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        OhifHeaders.isolation(response);
        Optional<String> rest = AssetPaths.belowOhif(request.getRequestURI(), request.getContextPath());
        if (rest.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (rest.get().isEmpty()) {
            String query = request.getQueryString();
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", publicPaths.of(request).ohif() + (query == null ? "" : "?" + query));
            return;
        }
        String path = rest.get().substring(1);
        boolean config = path.equals("app-config.js");
        if (!config && !path.equals("index.html") && !AssetPaths.isClientRoute(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (!config && !linksStayOnThisOrigin(request)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write(REFUSED_LINK);
            return;
        }
        PublicBase base = publicPaths.of(request);
        if (!config) {
            // a second guard in the browser: the viewer may only fetch from this origin, be framed by it only
            response.setHeader("Content-Security-Policy", CONNECT_SELF);
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
        }
        write(request, response, config ? pages.appConfig(base, request.getProtocol().startsWith("HTTP/2"))
                : pages.index(base));
    }

    /**
     * Every url= parameter (OHIF's DICOM JSON source fetches it) must point to this server, whatever the case of its
     * name ({@code URL=}, {@code Url=}): OHIF's router lower-cases the keys of some of its query readers, and a check
     * that a differently spelled name passes is no check.
     */
    private static boolean linksStayOnThisOrigin(HttpServletRequest request) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (!p.getKey().equalsIgnoreCase("url")) {
                continue;
            }
            for (String url : p.getValue()) {
                if (!ViewerLinks.isSameOrigin(url, request.getHeader("Host"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, RenderedPage page)
            throws IOException {
        response.setHeader("Cache-Control", OhifHeaders.REVALIDATE);
        response.setHeader("ETag", page.etag());
        response.setHeader("Vary", "Accept-Encoding");
        if (ETags.notModified(request.getHeader("If-None-Match"), page.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        boolean gzip = AcceptEncoding.acceptsGzip(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? page.gzip() : page.identity();
        response.setContentType(page.contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
