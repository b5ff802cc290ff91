package org.ohifbridge.portal;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.ohif.AssetPaths;
import org.ohifbridge.ohif.OhifHeaders;

/**
 * With the DICOM JSON data source, a viewer link in the DICOMweb form ({@code {ctx}/ohif/viewer?StudyInstanceUIDs=…},
 * as Orthanc Explorer 2 makes them) is sent on to the deep link that opens the same study in the DICOM JSON form
 * ({@link DicomWebForm}). Registered before the viewer's page filter on {@code /ohif/*}; anything else passes.
 */
@Dependent
public class DicomWebFormRedirect extends HttpFilter {
    private final transient PublicPaths publicPaths;
    private final boolean dicomJson;

    @Inject
    public DicomWebFormRedirect(PublicPaths publicPaths, Settings settings) {
        this.publicPaths = publicPaths;
        this.dicomJson = settings.dataSource() == DataSource.DICOM_JSON;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> link = dicomJson ? deepLink(request) : Optional.empty();
        if (link.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        OhifHeaders.isolation(response);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", publicPaths.of(request).root() + link.get());
        response.setHeader("Cache-Control", "no-store");
    }

    /** The deep link for a GET of a viewer route with {@code StudyInstanceUIDs} and without {@code url}. */
    private static Optional<String> deepLink(HttpServletRequest request) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")
                || request.getParameter("url") != null) {
            return Optional.empty();
        }
        Optional<String> rest = AssetPaths.belowOhif(request.getRequestURI(), request.getContextPath());
        if (rest.isEmpty() || !rest.get().startsWith("/") || !AssetPaths.isClientRoute(rest.get().substring(1))) {
            return Optional.empty();
        }
        return DicomWebForm.asDeepLink(rest.get().substring(1), request.getParameter("StudyInstanceUIDs"),
                request.getParameter("hangingprotocolId"));
    }
}
