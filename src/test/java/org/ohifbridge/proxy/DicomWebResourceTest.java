package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.cache.Gzip;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancClient;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.StubOrthanc;
import org.ohifbridge.testing.TestSettings;

/** The DICOMweb and file proxy in-process, in front of a stub Orthanc: what goes to Orthanc and what comes back. */
class DicomWebResourceTest {
    static final String FRAMES_ACCEPT = "multipart/related; type=application/octet-stream; transfer-syntax=*";
    static final String ID = "0a1b2c3d-0a1b2c3d-0a1b2c3d-0a1b2c3d-0a1b2c3d";
    static final String FRAMES_TYPE = "multipart/related; type=\"application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\"; "
            + "boundary=" + MultipartBoundaryTest.ORTHANC;
    static final byte[] PIXELS = pixels();

    private static byte[] pixels() {
        byte[] p = new byte[300_000];
        new java.util.Random(3).nextBytes(p);
        return p;
    }

    StubOrthanc orthanc;
    OrthancClient client;
    InProcessServer server;

    @BeforeEach
    void start() {
        orthanc = StubOrthanc.answering(seen -> {
            if (seen.pathAndQuery().startsWith("/dicom-web/studies/9.9")) {
                return new StubOrthanc.Answer(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
            if (seen.pathAndQuery().startsWith("/dicom-web/studies/3.0.4")) {
                return new StubOrthanc.Answer(304, "application/dicom+json", new byte[0]);
            }
            if (seen.pathAndQuery().endsWith("/frames/2")) {
                return new StubOrthanc.Answer(200, FRAMES_TYPE, MultipartRewritingOutputStreamTest.message("",
                        List.of(MultipartRewritingOutputStreamTest.frame(2, PIXELS)), "\r\n"));
            }
            if (seen.pathAndQuery().endsWith("/file")) {
                return new StubOrthanc.Answer(200, "application/dicom", "DICM-bytes".getBytes(StandardCharsets.UTF_8));
            }
            return StubOrthanc.Answer.json("[{\"00081190\":{\"vr\":\"UR\",\"Value\":[\"http://ohif-bridge.invalid/"
                    + "dicom-web/studies/1.2.3\"]}}]");
        });
        Settings settings = TestSettings.of("OrthancUrl", orthanc.url());
        client = new OrthancClient(settings);
        OrthancApi api = new OrthancApi(client);
        server = InProcessServer.at("/pacs")
                .filter(ctx -> new RawAcceptFilter(), "/dicom-web/*", "/instances/*")
                .resources(ctx -> List.of(new DicomWebResource(api, new PublicPaths(settings), new org.ohifbridge.access.StudyGate(api)), new InstanceFileResource(api, new org.ohifbridge.access.StudyGate(api))))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        orthanc.close();
    }

    @Test
    void orthancsAbsoluteUrlsBecomeTheWarsPathAndDocumentsAreGzipped() throws Exception {
        HttpResponse<byte[]> r = server.get("dicom-web/studies?includefield=00081030%2C00080060",
                "Accept-Encoding", "gzip");
        assertEquals(200, r.statusCode());
        assertEquals("gzip", header(r, "Content-Encoding"));
        String json = new String(Gzip.decompress(r.body(), 1 << 20), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"/pacs/dicom-web/studies/1.2.3\""), json);
        assertFalse(json.contains("ohif-bridge.invalid"));
        assertEquals("/dicom-web/studies?includefield=00081030&includefield=00080060&limit=1000",
                orthanc.seen.get(0).pathAndQuery(), "the comma list split for Orthanc, the search bounded");
        assertNull(header(r, "Server"), "Orthanc's own headers stay behind");
        assertEquals("\"orthanc-etag\"", header(r, "ETag"));
    }

    @Test
    void theBrowsersAcceptReachesOrthancButNotItsCredentials() throws Exception {
        HttpResponse<byte[]> r = server.get("dicom-web/studies/1.2.3/series/1.4/instances/1.5/frames/1",
                "Accept", FRAMES_ACCEPT, "Authorization", "Bearer browser-token", "Cookie", "JSESSIONID=abc");
        assertEquals(200, r.statusCode(), text(r));
        StubOrthanc.Seen seen = orthanc.seen.get(0);
        assertEquals(FRAMES_ACCEPT, seen.header("Accept"));
        assertNull(seen.header("Authorization"));
        assertNull(seen.header("Cookie"));
        assertEquals("host=ohif-bridge.invalid;proto=http", seen.header("Forwarded"));
    }

    @Test
    void routesOutsideTheAllowListNeverReachOrthanc() throws Exception {
        for (String path : List.of("dicom-web/tools/reset", "dicom-web/studies/1.2.3/series/1.4/instances/1.5/frames/x",
                "dicom-web/studies/1.2;jsessionid=x", "dicom-web/servers")) {
            HttpResponse<byte[]> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("{\"status\":404,\"error\":\"not found\"}", text(r), path);
        }
        assertEquals(List.of(), orthanc.seen);
        assertEquals(405, server.send("DELETE", "dicom-web/studies/1.2.3").statusCode());
        assertEquals(List.of(), orthanc.seen);
    }

    @Test
    void emptySegmentsAreCollapsedAsOrthancDoes() throws Exception {
        HttpResponse<byte[]> r = server.get("dicom-web//studies/1.2.3//series");
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("/dicom-web/studies/1.2.3/series?limit=50000", orthanc.seen.get(0).pathAndQuery());
        assertEquals(404, server.get("dicom-web//studies/1.2.3//series/1.4;x").statusCode());
        assertEquals(1, orthanc.seen.size(), "a refused path never reaches Orthanc");
    }

    @Test
    void framesNameTheWarNotOrthancsMarkerAndKeepTheirPixels() throws Exception {
        HttpResponse<byte[]> r = server.get("dicom-web/studies/1.2.3/series/1.4/instances/1.5/frames/2",
                "Accept", FRAMES_ACCEPT, "Accept-Encoding", "gzip");
        assertEquals(200, r.statusCode(), text(r));
        assertEquals(FRAMES_TYPE, header(r, "Content-Type"));
        assertNull(header(r, "Content-Encoding"), "pixels are never gzipped");
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertFalse(body.contains("ohif-bridge.invalid"), "no internal host in any part header");
        String partHeaders = "Content-Location: /pacs/dicom-web/studies/1.2/series/1.3/instances/1.4/frames/2\r\n"
                + "Content-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n"
                + "Content-Length: " + PIXELS.length + "\r\nMIME-Version: 1.0\r\n\r\n";
        String expected = "--" + MultipartBoundaryTest.ORTHANC + "\r\n" + partHeaders
                + new String(PIXELS, StandardCharsets.ISO_8859_1) + "\r\n--" + MultipartBoundaryTest.ORTHANC + "--\r\n";
        assertEquals(expected, body, "the part header rewritten, the pixel data byte for byte");
    }

    @Test
    void everyProxiedAnswerForbidsSniffingAndOtherSites() throws Exception {
        for (String path : List.of("dicom-web/studies", "dicom-web/studies/3.0.4/metadata", "instances/" + ID + "/file")) {
            HttpResponse<byte[]> r = server.get(path, "Accept-Encoding", "gzip");
            assertTrue(r.statusCode() == 200 || r.statusCode() == 304, path + " " + r.statusCode());
            assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
            assertEquals("same-origin", header(r, "Cross-Origin-Resource-Policy"), path);
        }
        assertEquals(304, server.get("dicom-web/studies/3.0.4/metadata").statusCode());
    }

    @Test
    void orthancs404And400sAreDeliberateAnswers() throws Exception {
        HttpResponse<byte[]> r = server.get("dicom-web/studies/9.9/metadata");
        assertEquals(404, r.statusCode());
        assertEquals("application/json", header(r, "Content-Type"));
        assertEquals(400, server.get("instances/not-an-id/file").statusCode());
    }

    @Test
    void aFileStreamsByteForByte() throws Exception {
        HttpResponse<byte[]> r = server.get("instances/" + ID + "/file", "Accept-Encoding", "gzip");
        assertEquals(200, r.statusCode());
        assertEquals("DICM-bytes", text(r), "never re-encoded");
        assertEquals("application/dicom", header(r, "Content-Type"));
        assertEquals("/instances/" + ID + "/file", orthanc.seen.get(0).pathAndQuery());
    }
}
