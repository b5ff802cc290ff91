package org.ohifbridge.ohif;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.ohifbridge.http.AcceptEncoding;
import org.ohifbridge.http.ETags;

/**
 * Files of the OHIF build: {@code curl -H 'Accept-Encoding: gzip' {ctx}/ohif/app.bundle.<hash>.js}. Only names
 * listed in the build's manifest exist; text files go out precompressed when the client accepts gzip.
 * (index.html, app-config.js and client routes are answered earlier by {@link OhifPageFilter}.)
 */
@Path("ohif")
@ApplicationScoped
public class OhifAssetResource {
    private final OhifDist dist;

    /** For CDI's client proxy only. */
    protected OhifAssetResource() {
        this.dist = null;
    }

    @Inject
    public OhifAssetResource(OhifDist dist) {
        this.dist = dist;
    }

    @GET
    @Path("{path: .+}")
    public Response asset(@Context UriInfo uriInfo,
                          @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding,
                          @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) throws IOException {
        String raw = uriInfo.getPath(false).substring("ohif/".length());
        String path = AssetPaths.normalize(raw).orElseThrow(() -> new NotFoundException("no such OHIF file"));
        Asset asset = dist.find(path).orElseThrow(() -> new NotFoundException("no such OHIF file"));
        String etag = '"' + asset.etag() + '"';
        Response.ResponseBuilder r;
        if (ETags.notModified(ifNoneMatch, etag)) {
            r = Response.notModified();
        } else {
            boolean gzip = asset.storedGzipped() && AcceptEncoding.acceptsGzip(acceptEncoding);
            Object body = (gzip || !asset.storedGzipped() ? dist.storedBytes(path, asset) : dist.identityBytes(path, asset))
                    .<Object>map(bytes -> bytes)
                    .orElse((StreamingOutput) out -> {
                        try (InputStream in = gzip ? dist.openStored(path, asset) : dist.openIdentity(path, asset)) {
                            in.transferTo(out);
                        }
                    });
            r = Response.ok(body, MimeTypes.of(path))
                    .header(HttpHeaders.CONTENT_LENGTH, gzip ? asset.gzip() : asset.size());
            if (gzip) {
                r.header(HttpHeaders.CONTENT_ENCODING, "gzip");
            }
        }
        if (asset.storedGzipped()) {
            r.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        return r.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, asset.immutable() ? OhifHeaders.IMMUTABLE : OhifHeaders.REVALIDATE)
                .build();
    }
}
