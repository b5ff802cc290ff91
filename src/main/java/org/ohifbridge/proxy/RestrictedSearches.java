package org.ohifbridge.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ohifbridge.Json;
import org.ohifbridge.access.StudyGate;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancUnavailableException;

/** The archive-wide QIDO-RS searches of a caller whose access rules open only some studies. */
final class RestrictedSearches {
    /**
     * Most bytes read of Orthanc's answers to the searches of one merged search, all rules together (1,000 studies take
     * well under 2 MB), so that a user with many rules cannot make one request hold one answer per rule at full size.
     */
    static final long MAX_ANSWER_BYTES = 32L << 20;
    private static final byte[] MARKER = OrthancApi.DICOM_WEB_MARKER.getBytes(StandardCharsets.US_ASCII);

    private RestrictedSearches() {
    }

    /** {@code studies?…}: one search per rule, merged and paged here ({@link RestrictedStudySearch}). */
    static Response studies(OrthancApi orthanc, HttpServletRequest request, StudyScope scope, String publicDicomWeb) {
        RestrictedStudySearch search = new RestrictedStudySearch(QueryEncoding.canonical(request.getQueryString()));
        List<JsonNode> answers = new ArrayList<>();
        long budget = MAX_ANSWER_BYTES;
        for (String q : search.queries(scope.rules(), scope.granted())) {
            String query = UpstreamQuery.of("studies", q);
            try (Response r = orthanc.dicomWeb("studies", query, ForwardedHeaders.request(
                    name -> name.equalsIgnoreCase("Accept") ? "application/dicom+json" : null))) {
                if (r.getStatus() != 200 && r.getStatus() != 204) {
                    throw new OrthancUnavailableException("Orthanc failed a study search with HTTP " + r.getStatus(),
                            null);
                }
                try (InputStream in = r.readEntity(InputStream.class)) {
                    byte[] body = in == null ? new byte[0] : in.readNBytes((int) budget + 1);
                    if (body.length > budget) {
                        throw new OrthancUnavailableException("Orthanc's answers to a study search are too large", null);
                    }
                    budget -= body.length;
                    answers.add(body.length == 0 ? null : Json.MAPPER.readTree(body));
                }
            } catch (java.io.IOException e) {
                throw new OrthancUnavailableException("Orthanc sent an unreadable answer to a study search", e);
            }
        }
        ArrayNode page = search.merge(answers, scope);
        byte[] replacement = (publicDicomWeb + "/").getBytes(StandardCharsets.UTF_8);
        StreamingOutput body = out -> {
            try (OutputStream s = new ReplacingOutputStream(new java.io.FilterOutputStream(out) {
                @Override
                public void close() throws java.io.IOException {
                    flush();
                }
            }, MARKER, replacement)) {
                Json.MAPPER.writeValue(s, page);
            }
        };
        return Response.ok(body, "application/dicom+json")
                .header("X-Content-Type-Options", UpstreamBody.NOSNIFF)
                .header("Cross-Origin-Resource-Policy", UpstreamBody.SAME_ORIGIN)
                .build();
    }

    /**
     * {@code series?…} and {@code instances?…} over the whole archive: only within one study the caller may see, named
     * by {@code StudyInstanceUID}; a hidden one is searched as the UID no study has.
     */
    static String withinOneStudy(StudyGate gate, HttpServletRequest request, String canonicalQuery) {
        List<QueryParams.Param> params = QueryParams.parse(canonicalQuery);
        String uid = null;
        int named = 0;
        for (QueryParams.Param p : params) {
            if (p.is("StudyInstanceUID") || p.is("0020000D") || p.is("0020000d")) {
                uid = p.value();
                named++;
            }
        }
        if (named != 1 || !uid.matches("[0-9]{1,64}(\\.[0-9]{1,64}){0,63}")) {
            throw new BadRequestException("with access rules, a search for series or instances names one study"
                    + " (StudyInstanceUID=...)");
        }
        if (gate.seesUid(request, uid)) {
            return canonicalQuery;
        }
        return QueryParams.join(params.stream().map(p -> p.is("StudyInstanceUID") || p.is("0020000D")
                || p.is("0020000d") ? new QueryParams.Param(p.rawName(), DicomWebResource.HIDDEN_UID) : p).toList());
    }
}
