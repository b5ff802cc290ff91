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
import org.ohifbridge.access.StudyGate;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.orthanc.OrthancApi;

/**
 * Read-only DICOMweb for OHIF, streamed from Orthanc's DICOMweb plugin:
 * {@code curl '{ctx}/dicom-web/studies?includefield=00081030'}. Only the routes of {@link DicomWebPaths}; the query
 * Orthanc gets is made by {@link UpstreamQuery} (encoding checked, searches and renderings bounded).
 */
@Path("dicom-web")
@ApplicationScoped
public class DicomWebResource {
    /**
     * What a study the caller may not see is replaced with, in the path or query sent to Orthanc: a UID no study can
     * have (the root 2.25 of UUID-derived UIDs, with the UUID 0), so Orthanc answers exactly as for an unknown study.
     */
    static final String HIDDEN_UID = "2.25.0";
    private static final java.util.regex.Pattern STUDY_IN_PATH = java.util.regex.Pattern.compile("^studies/([0-9.]+)");
    private final OrthancApi orthanc;
    private final PublicPaths publicPaths;
    private final StudyGate gate;

    /** For CDI's client proxy only. */
    protected DicomWebResource() {
        this.orthanc = null;
        this.publicPaths = null;
        this.gate = null;
    }

    @Inject
    public DicomWebResource(OrthancApi orthanc, PublicPaths publicPaths, StudyGate gate) {
        this.orthanc = orthanc;
        this.publicPaths = publicPaths;
        this.gate = gate;
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
        StudyScope scope = StudyScope.of(request);
        if (!scope.seesEverything()) {
            java.util.regex.Matcher study = STUDY_IN_PATH.matcher(path);
            if (study.find() && !gate.seesUid(request, study.group(1))) {
                path = "studies/" + HIDDEN_UID + path.substring(study.end());
            } else if (path.equals("studies")) {
                return RestrictedSearches.studies(orthanc, request, scope, publicPaths.of(request).dicomWeb());
            } else if (path.equals("series") || path.equals("instances")) {
                query = RestrictedSearches.withinOneStudy(gate, request, query);
            }
        }
        // failures name the route, never the query (OrthancClient): a search may hold a patient's name
        Response upstream = orthanc.dicomWeb(path, query,
                ForwardedHeaders.request(name -> RawAcceptFilter.header(request, name)));
        closer.add(upstream::close);
        return UpstreamBody.relay(upstream, publicPaths.of(request).dicomWeb(),
                AcceptEncoding.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING)), path);
    }
}
