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
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.ohifbridge.access.StudyGate;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.orthanc.OrthancNotFoundException;
import org.ohifbridge.config.Setting;
import org.ohifbridge.dicomjson.DocumentTooLarge;
import org.ohifbridge.http.JsonErrors;
import org.ohifbridge.http.AcceptEncoding;
import org.ohifbridge.http.ETags;
import org.ohifbridge.orthanc.OrthancIds;

/**
 * The OHIF DICOM JSON document of a study, as the plugin's route {@code /studies/{id}/ohif-dicom-json} serves it:
 * {@code curl --compressed {ctx}/studies/<orthanc study id>/ohif-dicom-json}. gzip on the wire when accepted, a strong
 * ETag (304 on If-None-Match), revalidated on every use because the study can change; inflated a buffer at a time for a
 * client without gzip. Past a cap 413 naming it, builds all busy 503 with Retry-After, Orthanc too slow 504.
 */
@Path("studies/{id}/ohif-dicom-json")
@ApplicationScoped
public class StudyDocumentResource {
    /** What a client told 503 (builds busy) waits before it asks again. */
    static final String RETRY_AFTER_SECONDS = "5";
    private final StudyDocuments documents;
    private final StudyGate gate;

    /** For CDI's client proxy only. */
    protected StudyDocumentResource() {
        this.documents = null;
        this.gate = null;
    }

    @Inject
    public StudyDocumentResource(StudyDocuments documents, StudyGate gate) {
        this.documents = documents;
        this.gate = gate;
    }

    @GET
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context HttpServletRequest request) {
        if (!OrthancIds.isValid(id)) {
            throw new BadRequestException("not an Orthanc study id");
        }
        if (!gate.seesStudy(request, id)) {
            throw new OrthancNotFoundException("a study the caller's access rules hide"); // answered as unknown: 404
        }
        CurrentDocument current;
        try {
            current = documents.current(id);
        } catch (DocumentTooLarge e) {
            return JsonErrors.response(413, "study too large for the DICOM JSON data source: " + e.getMessage()
                    + " (" + setting(e.cap()) + "); open it with the dicom-web data source");
        } catch (BuildGate.Busy e) {
            return Response.fromResponse(JsonErrors.response(503, "too many study documents are being built;"
                    + " try again in a few seconds")).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        StudyDocument doc = current.document();
        // the audit learns the study's UID and its instances (their files come next) from here, not from Orthanc
        AuditNote note = AuditNote.of(request);
        note.instances(current.instanceIds());
        gate.vouch(id, current.instanceIds()); // the files that follow are this study's
        if (!doc.studyUid().isEmpty()) {
            note.studies(List.of(doc.studyUid()));
        }
        Response.ResponseBuilder r;
        if (ETags.notModified(ifNoneMatch, doc.etag())) {
            r = Response.notModified();
        } else if (AcceptEncoding.acceptsGzip(acceptEncoding)) {
            r = Response.ok(doc.gzip(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CONTENT_ENCODING, "gzip");
        } else {
            StreamingOutput inflated = out -> Gzip.inflateTo(doc.gzip(), out, doc.jsonLength());
            r = Response.ok(inflated, MediaType.APPLICATION_JSON_TYPE);
        }
        return r.header(HttpHeaders.ETAG, doc.etag())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cross-Origin-Resource-Policy", "same-origin")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    /** The setting an admin raises to let such a study through. */
    private static String setting(DocumentTooLarge.Cap cap) {
        return switch (cap) {
            case FRAMES_PER_INSTANCE -> Setting.MAX_FRAMES_PER_INSTANCE.key();
            case ENTRIES -> Setting.MAX_DOCUMENT_ENTRIES.key();
            case RECORD_BYTES -> Setting.STUDY_BUILD_MEGABYTES.key();
            case BYTES -> "the compressed document cap, " + (StudyDocumentCodec.MAX_GZIP_BYTES >> 20) + " MB";
        };
    }
}
