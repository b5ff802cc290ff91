package org.ohifbridge.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.glassfish.jersey.server.CloseableService;
import org.ohifbridge.http.AcceptEncoding;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancApi;

/**
 * Read-only DICOMweb for OHIF, streamed from Orthanc's DICOMweb plugin:
 * {@code curl '{ctx}/dicom-web/studies?includefield=00081030'}. Only the routes of {@link DicomWebPaths}; the query
 * Orthanc gets is made by {@link UpstreamQuery} (encoding checked, searches and renderings bounded).
 */
@Path("dicom-web")
@ApplicationScoped
public class DicomWebResource {
    private final OrthancApi orthanc;
    private final PublicPaths publicPaths;

    /** For CDI's client proxy only. */
    protected DicomWebResource() {
        this.orthanc = null;
        this.publicPaths = null;
    }

    @Inject
    public DicomWebResource(OrthancApi orthanc, PublicPaths publicPaths) {
        this.orthanc = orthanc;
        this.publicPaths = publicPaths;
    }

    @GET
    @Path("{path: .*}")
    public Response get(@Context UriInfo uriInfo, @Context HttpServletRequest request,
                        @Context CloseableService closer) {
        String path = DicomWebPaths.collapseEmptySegments(uriInfo.getPath(false).substring("dicom-web".length()));
        if (!DicomWebPaths.isAllowed(path)) {
            throw new NotFoundException("not a DICOMweb route served by ohif-bridge");
        }
        String query = UpstreamQuery.of(path, request.getQueryString());
        // failures name the route, never the query (OrthancClient): a search may hold a patient's name
        Response upstream = orthanc.dicomWeb(path, query,
                ForwardedHeaders.request(name -> RawAcceptFilter.header(request, name)));
        closer.add(upstream::close);
        return UpstreamBody.relay(upstream, publicPaths.of(request).dicomWeb(),
                AcceptEncoding.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING)), path);
    }
}
