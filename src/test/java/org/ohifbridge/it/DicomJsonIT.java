package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.cache.InstanceRecordCodec;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.dicomjson.InstanceRecords;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.Samples;

/**
 * {ctx}/studies/{id}/ohif-dicom-json against a real Orthanc: the document of every sample study (compared
 * with the golden files where they cover it), the number of calls a warm open makes (counted by a proxy
 * between the WAR and Orthanc), changes of the study, corrupt cache entries, and the viewer pages of this mode.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DicomJsonIT {
    private static CountingProxy proxy;

    private static synchronized CountingProxy proxy() {
        if (proxy == null) {
            try {
                proxy = new CountingProxy(TestOrthanc.shared().url());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return proxy;
    }

    /** Preload off: the counts below are the document's calls only, and there must be no change feed. */
    @Deployment(name = "json", testable = false)
    static WebArchive json() {
        return Deployments.war("json.war", Map.of("OrthancUrl", proxy().url(), "DataSource", "dicom-json",
                "Preload", "false", "DataFolder", Deployments.dataFolder("json")));
    }

    /** A second WAR in front of the same Orthanc: it finds what the first one assembled. */
    @Deployment(name = "json2", testable = false)
    static WebArchive json2() {
        return Deployments.war("json2.war", Map.of("OrthancUrl", proxy().url(), "DataSource", "dicom-json",
                "Preload", "false", "DataFolder", Deployments.dataFolder("json2")));
    }

    /** Changes and corrupt entries on an Orthanc of its own. */
    @Deployment(name = "scratch", testable = false)
    static WebArchive scratch() {
        TestOrthanc o = TestOrthanc.named("json-scratch", false);
        o.uploadSamples();
        return Deployments.war("scratch.war", Map.of("OrthancUrl", o.url(), "DataSource", "dicom-json",
                "Preload", "false", "DataFolder", Deployments.dataFolder("scratch")));
    }

    @ArquillianResource
    @OperateOnDeployment("json")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("json2")
    URL base2;

    @ArquillianResource
    @OperateOnDeployment("scratch")
    URL scratchBase;

    @Test
    void everySampleStudy() throws Exception {
        JsonNode studies = Json.MAPPER.readTree(TestOrthanc.shared().get("/studies?expand").body());
        assertEquals(6, studies.size(), "the six sample studies");
        for (JsonNode study : studies) {
            String id = study.path("ID").asText();
            JsonNode doc = document(base, id);
            JsonNode s = doc.path("studies").get(0);
            assertEquals(study.path("MainDicomTags").path("StudyInstanceUID").asText(), s.path("StudyInstanceUID").asText());
            int instances = Json.MAPPER.readTree(TestOrthanc.shared().get("/studies/" + id + "/instances").body()).size();
            assertEquals(instances, s.path("NumInstances").asInt(), id);
            for (JsonNode series : s.path("series")) {
                // the first url of each series, resolved as OHIF resolves it from {ctx}/ohif/viewer
                String url = series.path("instances").get(0).path("url").asText();
                assertTrue(url.startsWith("dicomweb:../instances/"), url);
                URI file = URI.create(base + "ohif/viewer").resolve(url.substring("dicomweb:".length()));
                HttpResponse<byte[]> r = Http.get(base, base.toURI().relativize(file).toString());
                assertEquals(200, r.statusCode(), file.toString());
                assertEquals("application/dicom", Http.header(r, "Content-Type"));
            }
        }
        // the golden documents, written by an independent implementation of the plugin's rules
        for (String[] golden : new String[][] {{"ct-ankle", "55a9fcd2-e8197ca2-1af7a8e2-0e1ab147-841c65ba"},
                {"ct-jpeg2000", Samples.J2K_STUDY}, {"mr-jpegls", "ea825ff5-6acaf08d-fa0bb01e-850fb445-d8772491"},
                {"xa-96frames", Samples.XA_STUDY}, {"mr-16frames", Samples.MR16_STUDY}}) {
            assertEquals(golden("study-" + golden[0] + ".json"), document(base, golden[1]), golden[0]);
        }
        JsonNode brain = document(base, Samples.BRAIN_STUDY).path("studies").get(0).path("series").get(0).path("instances");
        JsonNode expected = golden("study-mr-brain.json").path("studies").get(0).path("series").get(0).path("instances");
        for (JsonNode e : expected) {
            assertTrue(contains(brain, e), "slice " + e.path("url"));
        }
    }

    @Test
    void aWarmOpenCostsAtMostThreeOrthancCalls() throws Exception {
        document(base, Samples.BRAIN_STUDY); // cold or warm, whatever ran before
        proxy().reset();
        document(base, Samples.BRAIN_STUDY);
        List<String> calls = proxy().requests();
        assertTrue(calls.size() <= 3, "calls: " + calls);
        assertEquals(List.of("GET /studies/" + Samples.BRAIN_STUDY + "/instances"), calls);

        // another WAR (or this one after a restart): the study's instance list and the document kept in Orthanc
        JsonNode first = document(base, Samples.BRAIN_STUDY);
        proxy().reset();
        assertEquals(first, document(base2, Samples.BRAIN_STUDY));
        calls = proxy().requests();
        assertTrue(calls.size() <= 3, "calls: " + calls);
        assertEquals(List.of("GET /studies/" + Samples.BRAIN_STUDY + "/instances", "GET /studies/" + Samples.BRAIN_STUDY + "/metadata/4203"),
                calls);
    }

    /**
     * Preload's state stays "off" only when its follower never started (starting sets it to "starting", before its
     * first call, {@code changes?last}); and Orthanc has not seen a single change-log request since the WARs started.
     */
    @Test
    void noChangeFeedWhenPreloadIsOff() throws Exception {
        document(base, Samples.XA_STUDY);
        for (URL war : List.of(base, base2, scratchBase)) {
            JsonNode status = Json.MAPPER.readTree(Http.get(war, "preload/status").body());
            assertEquals("off", status.path("preload").path("state").asText(), war + " " + status);
        }
        assertFalse(proxy().everRequested("/changes"), proxy().requests().toString());
    }

    @Test
    void etagRevalidationAndGzip() throws Exception {
        String path = "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json";
        HttpResponse<byte[]> plain = Http.get(base, path);
        assertEquals(200, plain.statusCode());
        assertTrue(Http.header(plain, "Content-Type").startsWith("application/json"));
        assertEquals("private, no-cache", Http.header(plain, "Cache-Control"));
        String etag = Http.header(plain, "ETag");
        assertNotNull(etag);
        HttpResponse<byte[]> gz = Http.get(base, path, "Accept-Encoding", "gzip");
        assertEquals("gzip", Http.header(gz, "Content-Encoding"));
        assertArrayEquals(plain.body(), Http.gunzip(gz.body()));
        assertTrue(gz.body().length * 5 < plain.body().length, gz.body().length + " vs " + plain.body().length);
        HttpResponse<byte[]> again = Http.get(base, path, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
    }

    @Test
    void badAndUnknownIds() throws Exception {
        HttpResponse<byte[]> bad = Http.get(base, "studies/not-an-id/ohif-dicom-json");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"status\":400,\"error\":\"not an Orthanc study id\"}", Http.text(bad));
        HttpResponse<byte[]> unknown = Http.get(base, "studies/00000000-00000000-00000000-00000000-00000000/ohif-dicom-json");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"status\":404,\"error\":\"not found\"}", Http.text(unknown));
    }

    @Test
    void addingAndDeletingAnInstanceChangesTheNextAnswer(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        TestOrthanc o = TestOrthanc.named("json-scratch", false);
        HttpResponse<byte[]> before = Http.get(scratchBase, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json");
        assertEquals(20, Json.MAPPER.readTree(before.body()).path("studies").get(0).path("NumInstances").asInt());

        // one more slice of the same series: a copy with a new SOP Instance UID
        Path copy = tmp.resolve("extra.dcm");
        Files.copy(TestOrthanc.samplesDir().resolve("mr-brain/brain_007.dcm"), copy, StandardCopyOption.REPLACE_EXISTING);
        Process p = new ProcessBuilder("dcmodify", "-nb", "-q", "-gin", copy.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        String extra = o.upload(copy);
        HttpResponse<byte[]> added = Http.get(scratchBase, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json");
        JsonNode doc = Json.MAPPER.readTree(added.body());
        assertEquals(21, doc.path("studies").get(0).path("NumInstances").asInt());
        assertTrue(Http.text(added).contains("../instances/" + extra + "/file"));
        assertNotEquals(Http.header(before, "ETag"), Http.header(added, "ETag"));

        assertEquals(200, o.send("DELETE", "/instances/" + extra, null).statusCode());
        HttpResponse<byte[]> deleted = Http.get(scratchBase, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json");
        assertEquals(Json.MAPPER.readTree(before.body()), Json.MAPPER.readTree(deleted.body()));
        assertEquals(Http.header(before, "ETag"), Http.header(deleted, "ETag"), "the same instances, the same document");
    }

    @Test
    void aCorruptEntryIsRecomputedAndReplaced() throws Exception {
        TestOrthanc o = TestOrthanc.named("json-scratch", false);
        String meta = "/instances/" + Samples.J2K_INSTANCE + "/metadata/" + InstanceRecordStore.METADATA;
        assertEquals(200, o.send("PUT", meta, "not base64 gzip json".getBytes()).statusCode());
        assertEquals(golden("study-ct-jpeg2000.json"), document(scratchBase, Samples.J2K_STUDY));
        // written back after the answer
        String stored = Await.value("a valid 4202 entry in place of the corrupt one", Duration.ofSeconds(5),
                () -> Http.text(o.get(meta)), text -> InstanceRecordCodec.decode(text).isPresent());
        assertEquals(InstanceRecords.VERSION, InstanceRecordCodec.decode(stored).get().path("Version").asInt());
        assertTrue(ServerLog.text().contains("metadata 4202 of instance " + Samples.J2K_INSTANCE + " was corrupt or of another"
                + " version; recomputed"));
    }

    @Test
    void viewerPagesOfThisMode() throws Exception {
        String config = Http.text(Http.get(base, "ohif/app-config.js"));
        assertTrue(config.contains("window.config.defaultDataSourceName = 'dicomjson';"));
        assertTrue(config.contains("window.config.showStudyList = false;"));
        HttpResponse<byte[]> page = Http.get(base, "ohif/viewer?url=../studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json");
        assertEquals(200, page.statusCode());
        assertEquals("connect-src 'self' blob: data:; frame-ancestors 'self'", Http.header(page, "Content-Security-Policy"));
        for (String evil : List.of("https://evil.example/x.json", "//evil.example/x.json", "%2F%5Cevil.example%2Fx",
                "http://127.0.0.2:9/x.json")) {
            HttpResponse<byte[]> r = Http.get(base, "ohif/viewer?url=" + evil);
            assertEquals(400, r.statusCode(), evil);
            assertTrue(Http.text(r).contains("only opens studies from this server"), evil);
        }
        String host = base.getHost() + ":" + base.getPort();
        assertEquals(200, Http.get(base, "ohif/viewer?url=http://" + host + base.getPath() + "studies/" + Samples.BRAIN_STUDY
                + "/ohif-dicom-json").statusCode(), "an absolute URL on this very server is fine");
    }

    static JsonNode document(URL base, String study) throws IOException {
        HttpResponse<byte[]> r = Http.get(base, "studies/" + study + "/ohif-dicom-json");
        assertEquals(200, r.statusCode(), study + ": " + Http.text(r));
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode golden(String name) throws IOException {
        return Json.MAPPER.readTree(DicomJsonIT.class.getResourceAsStream("/dicomjson/expected/" + name));
    }

    private static boolean contains(JsonNode array, JsonNode element) {
        for (JsonNode n : array) {
            if (n.equals(element)) {
                return true;
            }
        }
        return false;
    }
}
