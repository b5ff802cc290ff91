package org.ohifbridge.ohif;

import java.util.Optional;
import org.ohifbridge.config.SettingsHolder;
import org.ohifbridge.portal.DicomWebForm;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Everything under {@code {ctx}/ohif}: sets the isolation headers, redirects {@code /ohif} to {@code /ohif/},
 * and answers the two pages rendered for the request's base path, {@code app-config.js} and
 * {@code index.html} (also for every client route, i.e. any extension-less path, so future OHIF modes need no
 * change). Files go on to {@link OhifAssetResource}.
 */
@WebFilter(filterName = "OhifPageFilter", urlPatterns = {"/ohif", "/ohif/*"}, asyncSupported = true)
public class OhifPageFilter extends HttpFilter {
    static final String CONNECT_SELF = "connect-src 'self' blob: data:";
    private static final String REFUSED_LINK = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Link refused</title></head><body><h1>Link refused</h1><p>This viewer link asks the viewer to load"
            + " data from another server. ohif-bridge only opens studies from this server.</p></body></html>";

    @Inject
    OhifPages pages;
    @Inject
    RequestBase requestBase;
    @Inject
    SettingsHolder settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        OhifHeaders.isolation(response);
        String uri = request.getRequestURI();
        String ohifPath = request.getContextPath() + "/ohif";
        if (!uri.startsWith(ohifPath)) { // a container that matched a non-normalised URI: never guess
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String rest = uri.substring(ohifPath.length());
        if (rest.isEmpty()) {
            String query = request.getQueryString();
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", requestBase.of(request).ohif() + (query == null ? "" : "?" + query));
            return;
        }
        String path = rest.substring(1);
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
        PublicPaths.Base base = requestBase.of(request);
        if (!config && request.getParameter("url") == null
                && settings.get().dataSource() == org.ohifbridge.config.DataSource.DICOM_JSON) {
            Optional<String> link = DicomWebForm.asDeepLink(path, request.getParameter("StudyInstanceUIDs"),
                    request.getParameter("hangingprotocolId"));
            if (link.isPresent()) { // a link in the DICOMweb form (Orthanc Explorer 2's): resolved as a deep link
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", base.root() + link.get());
                response.setHeader("Cache-Control", "no-store");
                return;
            }
        }
        if (!config) {
            // a second guard in the browser: the viewer may only fetch from this origin
            response.setHeader("Content-Security-Policy", CONNECT_SELF);
        }
        write(request, response, config ? pages.appConfig(base, request.getProtocol().startsWith("HTTP/2"))
                : pages.index(base));
    }

    /** Every url= parameter (OHIF's DICOM JSON source fetches it) must point to this server. */
    private static boolean linksStayOnThisOrigin(HttpServletRequest request) {
        String[] urls = request.getParameterValues("url");
        if (urls == null) {
            return true;
        }
        for (String url : urls) {
            if (!ViewerLinks.isSameOrigin(url, request.getHeader("Host"))) {
                return false;
            }
        }
        return true;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, RenderedPage page)
            throws IOException {
        response.setHeader("Cache-Control", OhifHeaders.REVALIDATE);
        response.setHeader("ETag", page.etag());
        response.setHeader("Vary", "Accept-Encoding");
        if (OhifHeaders.notModified(request.getHeader("If-None-Match"), page.etag())) {
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
