package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.Samples;

/** {ctx}/dicom-web/** and {ctx}/instances/{id}/file against a real Orthanc, compared with Orthanc's own answers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProxyIT {

    @Deployment(name = "viewer", testable = false)
    static WebArchive viewer() {
        return Deployments.war("viewer.war", Deployments.orthanc(TestOrthanc.shared()));
    }

    /** The same WAR in front of an Orthanc that has HTTP authentication on. */
    @Deployment(name = "secured", testable = false)
    static WebArchive secured() {
        return Deployments.war("secured.war", Deployments.orthanc(TestOrthanc.named("secured", true)));
    }

    @ArquillianResource
    @OperateOnDeployment("viewer")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("secured")
    URL securedBase;

    @Test
    void backfillIsRefusedWithConflictInDicomWebMode() throws Exception {
        String admin = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("it-admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = Http.send("POST", base, "admin/backfill", "Authorization", admin,
                "Origin", base.getProtocol() + "://" + base.getAuthority());
        assertEquals(409, r.statusCode());
        assertEquals("{\"status\":409,\"error\":\"backfill runs only with DataSource=dicom-json\"}", Http.text(r));
        JsonNode status = Json.MAPPER.readTree(Http.get(base, "preload/status").body());
        assertEquals("idle", status.path("backfill").path("state").asText(), "no pass was started: " + status);
    }

    @Test
    void studyListQidoCarriesDescriptions() throws Exception {
        // exactly what OHIF 3.13 sends: a %2C-encoded includefield list, which Orthanc 1.7 would drop
        HttpResponse<byte[]> r = Http.get(base, "dicom-web/studies?limit=101&offset=0&fuzzymatching=false"
                + "&includefield=00081030%2C00080060", "Accept", "application/dicom+json");
        assertEquals(200, r.statusCode());
        assertTrue(Http.header(r, "Content-Type").startsWith("application/dicom+json"));
        JsonNode studies = Json.MAPPER.readTree(r.body());
        List<String> descriptions = new ArrayList<>();
        for (JsonNode s : studies) {
            descriptions.add(s.path("00081030").path("Value").path(0).asText(""));
            assertTrue(s.path("00081190").path("Value").path(0).asText().startsWith("/viewer/dicom-web/studies/"),
                    "RetrieveURL on the WAR's public path");
        }
        assertTrue(descriptions.containsAll(List.of("BRAIN", "SHOULDER", "RT ANKLE", "e+1", "MRI")), descriptions.toString());
        assertFalse(Http.text(r).contains("ohif-bridge.invalid"));
    }

    @Test
    void metadataBulkDataUrisPointAtTheWar() throws Exception {
        String series = firstSeries(Samples.BRAIN_UID);
        HttpResponse<byte[]> r = Http.get(base, "dicom-web/studies/" + Samples.BRAIN_UID + "/series/" + series + "/metadata");
        assertEquals(200, r.statusCode());
        String text = Http.text(r);
        assertFalse(text.contains("ohif-bridge.invalid"));
        assertFalse(text.contains(TestOrthanc.shared().url()), "Orthanc's own address never reaches the browser");
        JsonNode instances = Json.MAPPER.readTree(r.body());
        assertEquals(20, instances.size());
        String bulk = instances.get(0).path("7FE00010").path("BulkDataURI").asText();
        assertTrue(bulk.startsWith("/viewer/dicom-web/studies/" + Samples.BRAIN_UID + "/series/" + series + "/instances/"), bulk);
        HttpResponse<byte[]> pixels = Http.get(base, bulk.substring("/viewer/".length()));
        assertEquals(200, pixels.statusCode());
        assertTrue(pixels.body().length > 256 * 256 * 2, "the pixel data of a 256x256 16-bit slice");

        HttpResponse<byte[]> gz = Http.get(base, "dicom-web/studies/" + Samples.BRAIN_UID + "/series/" + series + "/metadata",
                "Accept-Encoding", "gzip");
        assertEquals("gzip", Http.header(gz, "Content-Encoding"));
        assertEquals(Json.MAPPER.readTree(r.body()), Json.MAPPER.readTree(Http.gunzip(gz.body())));
        assertTrue(gz.body().length * 3 < r.body().length);
    }

    @Test
    void framesAreByteIdenticalToOrthancs() throws Exception {
        String series = firstSeries(Samples.J2K_UID);
        String sop = firstInstance(Samples.J2K_UID, series);
        String path = "dicom-web/studies/" + Samples.J2K_UID + "/series/" + series + "/instances/" + sop + "/frames/1";
        for (String accept : List.of("multipart/related; type=application/octet-stream; transfer-syntax=*",
                "multipart/related; type=\"application/octet-stream\"")) {
            HttpResponse<byte[]> viaWar = Http.get(base, path, "Accept", accept);
            HttpResponse<byte[]> direct = TestOrthanc.shared().get("/" + path, "Accept", accept);
            assertEquals(200, viaWar.statusCode(), accept);
            assertEquals(200, direct.statusCode(), accept);
            byte[] a = firstPart(viaWar);
            byte[] b = firstPart(direct);
            assertTrue(a.length > 1000, accept);
            assertArrayEquals(b, a, accept);
        }
        HttpResponse<byte[]> stored = Http.get(base, path, "Accept",
                "multipart/related; type=application/octet-stream; transfer-syntax=*");
        assertTrue(Http.header(stored, "Content-Type").contains("image/jp2"), "J2K passed through, not transcoded");
    }

    /**
     * Orthanc decodes the JPEG 2000 frame with GDCM to transcode or render it. Debian's Orthanc 1.10 runs that on
     * 100 KiB thread stacks and crashed (segfault) within a few requests until scripts/orthanc_shim.c raised them.
     */
    @Test
    void serverSideJpeg2000DecodingKeepsOrthancAlive() throws Exception {
        String series = firstSeries(Samples.J2K_UID);
        String instance = "dicom-web/studies/" + Samples.J2K_UID + "/series/" + series + "/instances/" + firstInstance(Samples.J2K_UID, series);
        for (int i = 0; i < 25; i++) {
            HttpResponse<byte[]> transcoded = Http.get(base, instance + "/frames/1",
                    "Accept", "multipart/related; type=\"application/octet-stream\"");
            assertEquals(200, transcoded.statusCode(), "transcoded, request " + i);
            assertTrue(Http.header(transcoded, "Content-Type").contains("transfer-syntax=1.2.840.10008.1.2.1"));
            HttpResponse<byte[]> rendered = Http.get(base, instance + "/rendered", "Accept", "image/jpeg");
            assertEquals(200, rendered.statusCode(), "rendered, request " + i);
        }
        assertEquals(200, TestOrthanc.shared().get("/system").statusCode(), "Orthanc still up");
    }

    @Test
    void instanceFilesAreByteIdenticalToOrthancs() throws Exception {
        JsonNode all = Json.MAPPER.readTree(TestOrthanc.shared().get("/instances?expand").body());
        int checked = 0;
        for (JsonNode instance : all) { // every sample, among them the 96-frame XA (1.7 MB) and the 16-frame MR
            String id = instance.path("ID").asText();
            HttpResponse<byte[]> viaWar = Http.get(base, "instances/" + id + "/file");
            HttpResponse<byte[]> direct = TestOrthanc.shared().get("/instances/" + id + "/file");
            assertEquals(200, viaWar.statusCode());
            assertEquals("application/dicom", Http.header(viaWar, "Content-Type"));
            assertEquals(Long.toString(direct.body().length), Http.header(viaWar, "Content-Length"));
            assertArrayEquals(direct.body(), viaWar.body());
            assertEquals("DICM", new String(Arrays.copyOfRange(viaWar.body(), 128, 132), StandardCharsets.US_ASCII));
            checked++;
        }
        assertEquals(25, checked);
    }

    /**
     * Orthanc 1.10 closes a keep-alive connection after about one idle second; the WAR's pool must not hand
     * such a dead connection to the next browser request (that would be a spurious 502).
     */
    @Test
    void pooledConnectionsThatOrthancClosedAreNotReused() throws Exception {
        int orthancPort = URI.create(TestOrthanc.shared().url()).getPort();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(base, "dicom-web/studies").statusCode(), "request " + i);
            Await.until("Orthanc closing its idle keep-alive connections", Duration.ofSeconds(10),
                    () -> Sockets.establishedTo(orthancPort) == 0);
        }
        assertEquals(200, Http.get(base, "instances/" + anyInstanceId() + "/file").statusCode());
    }

    @Test
    void unknownResourcesAre404WithSmallJson() throws Exception {
        for (String path : List.of("dicom-web/studies/1.2.3.4.5/metadata", "dicom-web/studies/1.2.3.4.5",
                "dicom-web/studies/1.2.3.4.5/series/1.2/instances/1.3/frames/1",
                "instances/00000000-00000000-00000000-00000000-00000000/file")) {
            HttpResponse<byte[]> r = Http.get(base, path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("application/json", Http.header(r, "Content-Type"), path);
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertEquals(404, body.path("status").asInt());
            assertTrue(r.body().length < 200, path);
        }
        HttpResponse<byte[]> bad = Http.get(base, "instances/not-an-orthanc-id/file");
        assertEquals(400, bad.statusCode());
        assertEquals("not an Orthanc instance id", Json.MAPPER.readTree(bad.body()).path("error").asText());
    }

    @Test
    void onlyTheAllowListIsProxied() throws Exception {
        for (String path : List.of("dicom-web/servers", "dicom-web/servers/x/qido", "dicom-web/studies/abc",
                "dicom-web/studies/1.2/series/1.3/instances/1.4/frames/x", "dicom-web/", "dicom-web/info",
                "system", "patients", "tools/find", "instances", "instances/x/tags", "studies",
                "dicom-web/studies/1.2/series/1.3/instances/1.4/bulk/../../../../../../system")) {
            HttpResponse<byte[]> r = Http.get(base, path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(Http.text(r).contains("ApiVersion"), path);
        }
        assertEquals(405, Http.send("POST", base, "dicom-web/studies").statusCode(), "no STOW through the WAR");
        assertEquals(405, Http.send("DELETE", base, "instances/00000000-00000000-00000000-00000000-00000000/file")
                .statusCode());
    }

    @Test
    void browserCredentialsNeverReachOrthancAndTheBridgesDo() throws Exception {
        TestOrthanc secured = TestOrthanc.named("secured", true);
        assertEquals(401, secured.getWithoutCredentials("/dicom-web/studies", "Authorization", "Basic Zm9vOmJhcg==")
                        .statusCode(),
                "Orthanc refuses a wrong password");
        // the browser's Authorization (a user of the servlet container, wrong for Orthanc) and Cookie are
        // dropped; the WAR adds its own. (A user the container does not know may get 401 from the container
        // itself: WildFly's Elytron checks any Authorization header it is sent.)
        HttpResponse<byte[]> r = Http.get(securedBase, "dicom-web/studies", "Authorization", "Basic aXQtdmlld2VyOml0LXZpZXdlci1zZWNyZXQ=",
                "Cookie", "session=abc");
        assertEquals(200, r.statusCode());
        assertNull(Http.header(r, "WWW-Authenticate"));
        for (String page : List.of("ohif/app-config.js", "ohif/")) {
            String text = Http.text(Http.get(securedBase, page));
            assertFalse(text.contains(TestOrthanc.PASSWORD), "no credentials in " + page);
            assertFalse(text.contains(secured.url()), "no Orthanc address in " + page);
        }
        String log = ServerLog.text();
        assertTrue(log.contains("OrthancUser=" + TestOrthanc.USER + ", OrthancPassword=****"), "effective settings logged");
        assertFalse(log.contains(TestOrthanc.PASSWORD), "the password never reaches the log");
    }

    private static String anyInstanceId() throws Exception {
        return Json.MAPPER.readTree(TestOrthanc.shared().get("/instances").body()).get(0).asText();
    }

    private String firstSeries(String study) throws Exception {
        JsonNode series = Json.MAPPER.readTree(Http.get(base, "dicom-web/studies/" + study + "/series").body());
        return series.get(0).path("0020000E").path("Value").path(0).asText();
    }

    private String firstInstance(String study, String series) throws Exception {
        JsonNode instances = Json.MAPPER.readTree(Http.get(base, "dicom-web/studies/" + study + "/series/" + series
                + "/instances").body());
        return instances.get(0).path("00080018").path("Value").path(0).asText();
    }

    /** The payload of the first part of a multipart/related answer. */
    static byte[] firstPart(HttpResponse<byte[]> r) {
        String type = Http.header(r, "Content-Type");
        assertNotNull(type);
        String boundary = type.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
        byte[] body = r.body();
        int start = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0) + 4;
        int end = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), start);
        assertTrue(start > 4 && end > start, "a multipart answer");
        return Arrays.copyOfRange(body, start, end);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
