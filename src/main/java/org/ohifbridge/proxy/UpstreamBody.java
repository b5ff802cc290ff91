package org.ohifbridge.proxy;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import org.ohifbridge.orthanc.OrthancApi;

/**
 * Turns an Orthanc response (status already checked) into the browser's response: a fresh Response with the
 * allow-listed headers and a body that streams straight through. Orthanc's absolute DICOMweb URLs (its marker host,
 * {@link OrthancApi#DICOM_WEB_MARKER}) are rewritten to the WAR's public path on the fly wherever they can appear:
 * in the forwarded headers, in JSON and XML documents (gzipped when the browser accepts it), and in multipart answers'
 * part headers and document parts ({@link MultipartRewritingOutputStream}; frames and bulk data pass byte for byte).
 * A rewritten body loses its Content-Length. The upstream response is closed when the body is written, and by the
 * caller's closer in every other case.
 */
public final class UpstreamBody {
    private static final Logger LOG = Logger.getLogger(UpstreamBody.class.getName());
    private static final byte[] MARKER = OrthancApi.DICOM_WEB_MARKER.getBytes(StandardCharsets.US_ASCII);

    static final int COPY_BUFFER = 256 * 1024;

    /**
     * On every proxied answer, as on the viewer's own files ({@code ohif.OhifHeaders}): browsers must not sniff a
     * DICOM file or a frame into HTML or script (nosniff,
     * https://fetch.spec.whatwg.org/#x-content-type-options-header), and no other site may embed the archive's images
     * or documents (CORP, https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header); OHIF fetches them from
     * its own origin.
     */
    static final String NOSNIFF = "nosniff";
    static final String SAME_ORIGIN = "same-origin";

    private UpstreamBody() {
    }

    /**
     * @param publicDicomWeb the public path of the WAR's DICOMweb root, e.g. {@code /pacs/dicom-web}
     * @param gzipOk         whether the browser accepts gzip
     */
    public static Response relay(Response upstream, String publicDicomWeb, boolean gzipOk, String what) {
        String type = upstream.getHeaderString(HttpHeaders.CONTENT_TYPE);
        boolean document = isDocument(type);
        Optional<String> boundary = document ? Optional.empty() : MultipartBoundary.of(type);
        boolean rewritten = document || boundary.isPresent();
        String publicRoot = publicDicomWeb + "/";
        Response.ResponseBuilder out = Response.status(upstream.getStatus())
                .header("X-Content-Type-Options", NOSNIFF)
                .header("Cross-Origin-Resource-Policy", SAME_ORIGIN);
        for (String name : ForwardedHeaders.RESPONSE) {
            if (rewritten && name.equals(HttpHeaders.CONTENT_LENGTH)) {
                continue; // the length changes with the rewrite
            }
            String v = upstream.getHeaderString(name);
            if (v != null) {
                out.header(name, v.replace(OrthancApi.DICOM_WEB_MARKER, publicRoot)); // e.g. a Content-Location
            }
        }
        if (upstream.getStatus() == 304 || !upstream.hasEntity()) {
            upstream.close();
            return out.build();
        }
        byte[] replacement = publicRoot.getBytes(StandardCharsets.UTF_8);
        boolean gzip = document && gzipOk;
        if (document) {
            out.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (gzip) {
            out.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        StreamingOutput body = target -> {
            try (InputStream in = upstream.readEntity(InputStream.class)) {
                OutputStream sink = gzip ? new GZIPOutputStream(new Uncloseable(target), 65536) : new Uncloseable(target);
                if (document) {
                    sink = new ReplacingOutputStream(sink, MARKER, replacement);
                } else if (boundary.isPresent()) {
                    sink = new MultipartRewritingOutputStream(sink, boundary.get(), MARKER, replacement);
                }
                try (OutputStream s = sink) {
                    copy(in, s);
                }
            } catch (IOException e) {
                // status and headers are already sent: abort the connection, never append an error text
                LOG.log(Level.FINE, e, () -> "ohif-bridge: stream of " + what + " interrupted");
                throw e;
            } finally {
                upstream.close();
            }
        };
        return out.entity(body).build();
    }

    /** Large reads and writes: fewer system calls on both sockets than transferTo's 16 KiB steps. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
    }

    static boolean isDocument(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return !t.startsWith("multipart/") && (t.contains("json") || t.contains("xml"));
    }

    /** Lets a wrapping stream finish (gzip trailer) without closing the container's stream. */
    private static final class Uncloseable extends java.io.FilterOutputStream {
        Uncloseable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
