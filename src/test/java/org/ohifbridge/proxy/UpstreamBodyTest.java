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
        assertNull(lengthRelayed(multipart));
        assertNull(lengthRelayed("application/dicom+json"));
        assertEquals("10", lengthRelayed("application/dicom"));
    }

    private static String lengthRelayed(String type) {
        Response upstream = Response.ok().header("Content-Type", type).header("Content-Length", "10").build();
        return UpstreamBody.relay(upstream, "/p", false, "t").getHeaderString("Content-Length");
    }
}
