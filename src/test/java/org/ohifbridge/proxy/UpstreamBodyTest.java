package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.ohifbridge.orthanc.OrthancApi;

class UpstreamBodyTest {
    @Test
    void aForwardedContentLocationNamesTheWarNotOrthancsMarker() {
        Response upstream = Response.ok().header("Content-Type", "application/dicom")
                .header("Content-Location", OrthancApi.DICOM_WEB_MARKER + "studies/1.2/series/1.3/instances/1.4")
                .header("Server", "Orthanc").build();
        Response out = UpstreamBody.relay(upstream, "/pacs/dicom-web", false, "test");
        assertEquals("/pacs/dicom-web/studies/1.2/series/1.3/instances/1.4", out.getHeaderString("Content-Location"));
        assertEquals("application/dicom", out.getHeaderString("Content-Type"));
        assertNull(out.getHeaderString("Server"));
    }

    @Test
    void aRewrittenBodyLosesItsLengthAnOpaqueOneKeepsIt() {
        String multipart = "multipart/related; type=\"application/octet-stream\"; boundary=" + MultipartBoundaryTest.ORTHANC;
        assertNull(UpstreamBody.relay(withLength(multipart), "/p", false, "t").getHeaderString("Content-Length"));
        assertNull(UpstreamBody.relay(withLength("application/dicom+json"), "/p", false, "t").getHeaderString("Content-Length"));
        assertEquals("10", UpstreamBody.relay(withLength("application/dicom"), "/p", false, "t").getHeaderString("Content-Length"));
    }

    private static Response withLength(String type) {
        return Response.ok().header("Content-Type", type).header("Content-Length", "10").build();
    }
}
