package org.ohifbridge.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.http.AcceptEncoding;
import org.ohifbridge.http.ETags;
import org.ohifbridge.orthanc.OrthancIds;

/**
 * The OHIF DICOM JSON document of a study, as the plugin's route {@code /studies/{id}/ohif-dicom-json} serves it:
 * {@code curl --compressed {ctx}/studies/<orthanc study id>/ohif-dicom-json}. gzip on the wire when accepted, a strong
 * ETag (304 on If-None-Match), revalidated on every use because the study can change.
 */
@Path("studies/{id}/ohif-dicom-json")
@ApplicationScoped
public class StudyDocumentResource {
    private final StudyDocuments documents;

    /** For CDI's client proxy only. */
    protected StudyDocumentResource() {
        this.documents = null;
    }

    @Inject
    public StudyDocumentResource(StudyDocuments documents) {
        this.documents = documents;
    }

    @GET
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context HttpServletRequest request) {
        if (!OrthancIds.isValid(id)) {
            throw new BadRequestException("not an Orthanc study id");
        }
        CurrentDocument current = documents.current(id);
        StudyDocument doc = current.document();
        // the audit learns the study's UID and its instances (their files come next) from here, not from Orthanc
        AuditNote note = AuditNote.of(request);
        note.instances(current.instanceIds());
        if (!doc.studyUid().isEmpty()) {
            note.studies(List.of(doc.studyUid()));
        }
        Response.ResponseBuilder r;
        if (ETags.notModified(ifNoneMatch, doc.etag())) {
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
