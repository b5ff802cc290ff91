package org.ohifbridge.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.ohifbridge.audit.AuditAttributes;
import org.ohifbridge.cache.Gzip;
import org.ohifbridge.cache.StudyDocument;
import org.ohifbridge.cache.StudyDocuments;
import org.ohifbridge.ohif.AcceptEncoding;
import org.ohifbridge.ohif.OhifHeaders;
import org.ohifbridge.orthanc.OrthancApi;

/**
 * The OHIF DICOM JSON document of a study, as the plugin's route serves it:
 * {@code curl --compressed {ctx}/studies/<orthanc study id>/ohif-dicom-json}. gzip on the wire when accepted,
 * a strong ETag (304 on If-None-Match), revalidated on every use because the study can change.
 */
@Path("studies/{id}/ohif-dicom-json")
@ApplicationScoped
public class DicomJsonResource {
    @Inject
    StudyDocuments documents;

    @GET
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context HttpServletRequest request) {
        if (!OrthancApi.ORTHANC_ID.matcher(id).matches()) {
            throw new BadRequestException("not an Orthanc study id");
        }
        // the audit learns the study's UID and its instances (their files come next) from here, not from Orthanc
        StudyDocument doc = documents.get(id, ids -> request.setAttribute(AuditAttributes.INSTANCES, ids));
        doc.studyUid().ifPresent(uid -> request.setAttribute(AuditAttributes.STUDIES, List.of(uid)));
        Response.ResponseBuilder r;
        if (OhifHeaders.notModified(ifNoneMatch, doc.etag())) {
            r = Response.notModified();
        } else if (AcceptEncoding.acceptsGzip(acceptEncoding)) {
            r = Response.ok(doc.gzip(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CONTENT_ENCODING, "gzip");
        } else {
            r = Response.ok(inflate(doc), MediaType.APPLICATION_JSON_TYPE);
        }
        return r.header(HttpHeaders.ETAG, doc.etag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    private static byte[] inflate(StudyDocument doc) {
        try {
            return Gzip.decompress(doc.gzip(), Integer.MAX_VALUE - 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
