package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.GzipBombs;
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.Samples;

/**
 * Hostile input against the real WAR and a real Orthanc: DICOM files made here with dcmtk from the real samples
 * (absurd frame counts, huge tag values, odd character sets, broken pixel data), hostile requests (encoded traversal,
 * matrix parameters, methods, huge headers and URIs, raw query characters, forged {@code url=}, untrusted forwarded
 * headers, unbounded queries) and hostile stored metadata (4203 bombs, another study's 4203, oversized and corrupt
 * 4202). Every case asserts its status and a bounded time; meanwhile another user's study opens normally; and the
 * server log shows no OutOfMemoryError and no stack trace of ours. Cases are counted and printed.
 *
 * <p>WildFly runs the document cases (bounded builds); the request cases are the container's and the WAR's filters,
 * the same code on both, and run on Tomcat 10.1.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {
    static final Duration BOUND = Duration.ofSeconds(20);
    static final String ORTHANC = "hostile";
    static int cases;

    /** A second WAR on the same Orthanc, started by a test with a backfill of everything already stored. */
    @Deployment(name = "backfill", testable = false, managed = false)
    static WebArchive backfilling() {
        return Deployments.war("hostile-backfill.war", Map.of("OrthancUrl", TestOrthanc.named(ORTHANC, false).url(),
                "DataSource", "dicom-json", "Preload", "false", "BackfillOnStart", "true",
                "DataFolder", Deployments.dataFolder("hostile-backfill")));
    }

    @org.jboss.arquillian.test.api.ArquillianResource
    org.jboss.arquillian.container.test.api.Deployer deployer;

    @Deployment(name = "main", testable = false)
    static WebArchive war() {
        TestOrthanc o = TestOrthanc.named(ORTHANC, false);
        try {
            o.uploadAll(TestOrthanc.samplesDir().resolve("mr-brain"));
            o.uploadAll(TestOrthanc.samplesDir().resolve("xa-96frames"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Deployments.war("hostile.war", Map.of("OrthancUrl", o.url(), "DataSource", "dicom-json",
                "OrthancDeadline", "8000", "StudyBuildTimeout", "20000",
                // every open reads what Orthanc stores: the planted metadata is what is tested, not memory
                "StudyCacheMegabytes", "0"));
    }

    @ArquillianResource
    @org.jboss.arquillian.container.test.api.OperateOnDeployment("main")
    URL base;

    static Map<Path, Long> logMark;

    @BeforeAll
    static void markTheLog() throws IOException {
        logMark = ServerLog.mark();
    }

    @AfterAll
    static void printTheCount() {
        System.out.println("HostileInputIT: " + cases + " hostile cases on " + System.getProperty("it.server"));
    }

    // ---- the harness --------------------------------------------------------------------------------------------

    /** One hostile request, what it must get, and a description for the report. */
    record Case(String name, Callable<Integer> request, IntPredicate expected, String expectation) {
    }

    static Case is(String name, int status, Callable<Integer> request) {
        return new Case(name, request, s -> s == status, "HTTP " + status);
    }

    static Case any(String name, String expectation, IntPredicate ok, Callable<Integer> request) {
        return new Case(name, request, ok, expectation);
    }

    static final IntPredicate CLIENT_ERROR = s -> s >= 400 && s < 500;
    static final IntPredicate NOT_A_SERVER_FAULT = s -> s > 0 && s != 500 && s != 503;

    /**
     * Runs each case in the background while another user opens a study, then checks the case's status within the
     * bound, the other user's 200, and the log. Failures are collected, so one run reports every broken case.
     */
    void run(List<Case> list) throws IOException {
        List<Executable> checks = new ArrayList<>();
        for (Case c : list) {
            cases++;
            long t0 = System.nanoTime();
            CompletableFuture<Integer> hostile = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.request().call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int neighbour = Http.get(base, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json",
                    "Accept-Encoding", "gzip").statusCode();
            Integer status;
            try {
                status = hostile.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                checks.add(() -> {
                    throw new AssertionError(c.name() + ": no answer within " + BOUND + " (" + e + ")");
                });
                continue;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            checks.add(() -> assertTrue(c.expected().test(status),
                    c.name() + ": expected " + c.expectation() + ", got " + status + " after " + ms + " ms"));
            checks.add(() -> assertEquals(200, neighbour, c.name() + ": another user's study did not open meanwhile"));
        }
        String added = ServerLog.since(logMark);
        checks.add(() -> assertFalse(added.contains("OutOfMemoryError"), "OutOfMemoryError in the server log"));
        checks.add(() -> assertFalse(added.contains("\tat org.ohifbridge.") || added.contains("at org.ohifbridge."),
                "a stack trace of ours in the server log:\n" + excerpt(added, "at org.ohifbridge.")));
        assertAll(checks);
    }

    private static String excerpt(String text, String marker) {
        int i = text.indexOf(marker);
        return i < 0 ? "" : text.substring(Math.max(0, i - 2000), Math.min(text.length(), i + 500));
    }

    Callable<Integer> get(String path, String... headers) {
        return () -> Http.get(base, path, headers).statusCode();
    }

    Callable<Integer> raw(String method, String pathAndQuery, String... headerLines) {
        return () -> RawHttp.send(base, method, base.getPath() + pathAndQuery, headerLines).status();
    }

    // ---- DICOM made here: study documents stay bounded --------------------------------------------------------------

    /** A copy of a real sample with new Study/Series/SOP UIDs and the given dcmodify edits, uploaded; its study's id. */
    static String crafted(Path tmp, String sample, String... edits) throws Exception {
        Path copy = Files.createTempFile(tmp, "crafted-", ".dcm");
        Files.copy(TestOrthanc.samplesDir().resolve(sample), copy, StandardCopyOption.REPLACE_EXISTING);
        List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb", "-q", "-gst", "-gse", "-gin"));
        for (String e : edits) {
            cmd.add(e.startsWith("-") ? e.substring(0, e.indexOf(' ')) : "-i");
            cmd.add(e.startsWith("-") ? e.substring(e.indexOf(' ') + 1) : e);
        }
        cmd.add(copy.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "dcmodify " + edits.length + " edits: " + out);
        TestOrthanc o = TestOrthanc.named(ORTHANC, false);
        String instance = o.upload(copy);
        return Json.MAPPER.readTree(o.get("/instances/" + instance + "/study").body()).path("ID").asText();
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    void studyDocumentsOfCraftedDicomStayBounded(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String mf = "mr-16frames/explicit_little.dcm";
        String slice = "mr-brain/brain_001.dcm";
        Map<String, String> studies = new LinkedHashMap<>();
        studies.put("frames 2^31-1", crafted(tmp, mf, "(0028,0008)=2147483647"));
        studies.put("frames 150000 (a whole slide)", crafted(tmp, mf, "(0028,0008)=150000"));
        studies.put("frames 10001 (cap + 1)", crafted(tmp, mf, "(0028,0008)=10001"));
        studies.put("frames 10000 (the cap)", crafted(tmp, mf, "(0028,0008)=10000"));
        studies.put("frames 0", crafted(tmp, mf, "(0028,0008)=0"));
        studies.put("frames -5", crafted(tmp, mf, "(0028,0008)=-5"));
        String big = repeat('A', 100_000);
        studies.put("one 100 KB StudyDescription", crafted(tmp, slice, "(0008,1030)=" + big));
        studies.put("three 100 KB values", crafted(tmp, slice, "(0008,1030)=" + big,
                "(0008,103e)=" + big, "(0010,0010)=" + big));
        studies.put("UTF-8 names", crafted(tmp, slice, "(0008,0005)=ISO_IR 192", "(0010,0010)=Ünïcødé^Tëst"));
        studies.put("unknown character set", crafted(tmp, slice, "(0008,0005)=XYZ-9"));
        studies.put("rows and columns 65535 (pixel data too short)", crafted(tmp, slice, "(0028,0010)=65535",
                "(0028,0011)=65535"));
        studies.put("no pixel data", crafted(tmp, slice, "-e (7fe0,0010)"));
        studies.put("window width 0", crafted(tmp, slice, "(0028,1050)=40", "(0028,1051)=0"));
        studies.put("bits allocated 64", crafted(tmp, slice, "(0028,0100)=64"));

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("frames 2^31-1", 413);
        expected.put("frames 150000 (a whole slide)", 413);
        expected.put("frames 10001 (cap + 1)", 413);
        studies.keySet().forEach(k -> expected.putIfAbsent(k, 200));

        List<Case> list = new ArrayList<>();
        studies.forEach((name, study) -> list.add(is("study JSON, " + name, expected.get(name),
                get("studies/" + study + "/ohif-dicom-json", "Accept-Encoding", "gzip"))));
        // their files and frames come through whatever their content: never a fault of ours
        for (String name : List.of("rows and columns 65535 (pixel data too short)", "no pixel data", "bits allocated 64")) {
            String instance = Json.MAPPER.readTree(TestOrthanc.named(ORTHANC, false)
                    .get("/studies/" + studies.get(name) + "/instances").body()).get(0).path("ID").asText();
            list.add(any("file, " + name, "200", s -> s == 200, get("instances/" + instance + "/file")));
        }
        run(list);

        HttpResponse<byte[]> refused = Http.get(base, "studies/" + studies.get("frames 2^31-1") + "/ohif-dicom-json");
        String body = Http.text(refused);
        assertTrue(body.contains("MaxFramesPerInstance") && body.contains("dicom-web"), body);
        JsonNode utf8 = Json.MAPPER.readTree(Http.get(base, "studies/" + studies.get("UTF-8 names")
                + "/ohif-dicom-json").body());
        assertEquals("Ünïcødé^Tëst", utf8.path("studies").get(0).path("PatientName").asText(), utf8.toString());
        // Orthanc's tags leave out values past its string length limit: the instance is listed, its record small
        HttpResponse<byte[]> huge = Http.get(base, "studies/" + studies.get("three 100 KB values") + "/ohif-dicom-json");
        assertEquals(1, Json.MAPPER.readTree(huge.body()).path("studies").get(0).path("NumInstances").asInt());
        assertTrue(huge.body().length < 10_000 && !Http.text(huge).contains("AAAA"), Http.text(huge));
    }

    // ---- hostile metadata in Orthanc -----------------------------------------------------------------------------

    @Test
    void plantedOrCorruptMetadataIsIgnoredAndRebuilt() throws Exception {
        TestOrthanc o = TestOrthanc.named(ORTHANC, false);
        String study = Samples.BRAIN_STUDY;
        assertEquals(200, Http.get(base, "studies/" + study + "/ohif-dicom-json").statusCode());
        String good = new String(o.get("/studies/" + study + "/metadata/4203").body(), StandardCharsets.UTF_8);
        String key = good.split(";")[1];
        assertEquals(200, Http.get(base, "studies/" + Samples.XA_STUDY + "/ohif-dicom-json").statusCode());
        String xa = new String(o.get("/studies/" + Samples.XA_STUDY + "/metadata/4203").body(), StandardCharsets.UTF_8);
        byte[] bomb = GzipBombs.zeros(1L << 31);
        String slice = Json.MAPPER.readTree(o.get("/studies/" + study + "/instances").body()).get(0).path("ID").asText();

        Map<String, Runnable> plants = new LinkedHashMap<>();
        plants.put("4203 gzip bomb with the right key", () -> put(o, "/studies/" + study + "/metadata/4203",
                "ohif-bridge-study;" + key + ";20;1.2.3;" + crc(bomb) + ";" + Base64.getEncoder().encodeToString(bomb)));
        plants.put("4203 of another study", () -> put(o, "/studies/" + study + "/metadata/4203", xa));
        plants.put("4203 of 10 MB of garbage", () -> put(o, "/studies/" + study + "/metadata/4203", repeat('x', 10 << 20)));
        plants.put("4203 truncated", () -> put(o, "/studies/" + study + "/metadata/4203", good.substring(0, good.length() / 2)));
        // a 4202 matters when the document is built again: the stored document is spoilt as well
        Runnable spoilt = () -> put(o, "/studies/" + study + "/metadata/4203", "spoilt");
        String record = Base64.getEncoder().encodeToString(GzipBombs.zeros(64L << 20));
        plants.put("4202 of 2 MB", () -> {
            put(o, "/instances/" + slice + "/metadata/4202", repeat('A', 2 << 20));
            spoilt.run();
        });
        plants.put("4202 not Base64", () -> {
            put(o, "/instances/" + slice + "/metadata/4202", "!!not base64!!");
            spoilt.run();
        });
        plants.put("4202 gzip bomb", () -> {
            put(o, "/instances/" + slice + "/metadata/4202", record);
            spoilt.run();
        });

        List<Case> list = new ArrayList<>();
        plants.forEach((name, plant) -> list.add(any("study JSON after " + name, "200 with the study's 20 slices",
                s -> s == 200, () -> {
                    plant.run();
                    HttpResponse<byte[]> r = Http.get(base, "studies/" + study + "/ohif-dicom-json");
                    JsonNode s0 = Json.MAPPER.readTree(r.body()).path("studies").get(0);
                    boolean right = s0 != null && s0.path("NumInstances").asInt() == 20
                            && Samples.BRAIN_UID.equals(s0.path("StudyInstanceUID").asText());
                    return right ? r.statusCode() : -r.statusCode();
                })));
        run(list);
    }

    private static void put(TestOrthanc o, String path, String value) {
        try {
            assertEquals(200, o.send("PUT", path, value.getBytes(StandardCharsets.US_ASCII)).statusCode(), path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String crc(byte[] b) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b);
        return String.format("%08x", c.getValue());
    }

    // ---- hostile requests ------------------------------------------------------------------------------------------

    @Test
    void hostileRequestsGetBoundedDeliberateAnswers() throws Exception {
        assumeFalse(ServerLog.wildfly(), "the request cases run on Tomcat 10.1 (same filters and resources)");
        TestOrthanc o = TestOrthanc.named(ORTHANC, false);
        long instancesBefore = Json.MAPPER.readTree(o.get("/statistics").body()).path("CountInstances").asLong();
        String instance = Json.MAPPER.readTree(o.get("/studies/" + Samples.BRAIN_STUDY + "/instances").body())
                .get(0).path("ID").asText();
        String evil = "https://evil.example/study.json";
        List<Case> list = new ArrayList<>(List.of(
                // encoded traversal and path tricks
                any("encoded dots to Orthanc's root", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/%2e%2e/system")),
                any("encoded dots below studies", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies/%2e%2e/%2e%2e/tools/reset")),
                any("an encoded slash", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies%2F1.2")),
                any("dots in a file path", "4xx", CLIENT_ERROR, raw("GET", "instances/..%2F..%2Fsystem/file")),
                any("a single-dot segment", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/./studies")),
                any("dot-dot segments", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies/../../system")),
                any("a backslash", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies/..%5C..%5Csystem")),
                any("an encoded NUL in the path", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies%00/series")),
                is("an empty segment, as Orthanc tolerates", 200, get("dicom-web//studies?limit=1")),
                // matrix parameters
                any("a matrix parameter on studies", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies;x=1")),
                // (the container drops path parameters from a valid id: the same answer as without, or a refusal)
                any("jsessionid in a study path", "200 or 4xx", s -> s == 200 || CLIENT_ERROR.test(s),
                        raw("GET", "studies/" + Samples.BRAIN_STUDY + ";jsessionid=x/ohif-dicom-json")),
                any("a matrix parameter on a file", "200 or 4xx", s -> s == 200 || CLIENT_ERROR.test(s),
                        raw("GET", "instances/" + instance + ";a=b/file")),
                any("a matrix parameter on an unknown id", "4xx", CLIENT_ERROR,
                        raw("GET", "studies/1.2;jsessionid=x/ohif-dicom-json")),
                // methods
                any("PUT on QIDO", "4xx", CLIENT_ERROR, raw("PUT", "dicom-web/studies", "Content-Length: 0")),
                any("DELETE on a study", "4xx", CLIENT_ERROR, raw("DELETE", "dicom-web/studies/" + Samples.BRAIN_UID)),
                any("POST (STOW) on studies", "4xx", CLIENT_ERROR, raw("POST", "dicom-web/studies", "Content-Length: 0")),
                any("PATCH on a file", "4xx", CLIENT_ERROR, raw("PATCH", "instances/" + instance + "/file", "Content-Length: 0")),
                any("DELETE on a file", "4xx", CLIENT_ERROR, raw("DELETE", "instances/" + instance + "/file")),
                any("POST on a study document", "4xx", CLIENT_ERROR,
                        raw("POST", "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json", "Content-Length: 0")),
                any("TRACE on health", "4xx", CLIENT_ERROR, raw("TRACE", "health")),
                any("OPTIONS on QIDO", "no fault", NOT_A_SERVER_FAULT, raw("OPTIONS", "dicom-web/studies")),
                any("POST on health", "4xx", CLIENT_ERROR, raw("POST", "health", "Content-Length: 0")),
                any("a made-up method", "4xx or 501", s -> CLIENT_ERROR.test(s) || s == 501, raw("FOO", "dicom-web/studies")),
                // sizes
                any("a 64 KB header", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies", "X-Big: " + repeat('h', 65_536))),
                any("a 100 KB URI", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies?PatientName=" + repeat('u', 100_000))),
                any("500 headers", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies", headers(500))),
                any("a 9 KB query", "4xx", CLIENT_ERROR, raw("GET", "dicom-web/studies?PatientName=" + repeat('q', 9_000))),
                // query characters
                any("raw | in a query", "200 or 400", s -> s == 200 || s == 400, raw("GET", "dicom-web/studies?PatientName=a|b")),
                any("raw {[ in a query", "200 or 400", s -> s == 200 || s == 400, raw("GET", "dicom-web/studies?PatientName={[x")),
                any("an encoded NUL in a query", "200 or 400", s -> s == 200 || s == 400, raw("GET", "dicom-web/studies?PatientName=%00")),
                any("encoded CR LF in a query", "200 or 400", s -> s == 200 || s == 400,
                        raw("GET", "dicom-web/studies?PatientName=%0d%0aSet-Cookie:%20a=b")),
                any("a lone %", "400", s -> s == 400, raw("GET", "dicom-web/studies?PatientName=%")),
                any("an invalid escape", "400", s -> s == 400, raw("GET", "dicom-web/studies?PatientName=%ZZ")),
                any("raw UTF-8 bytes in a query", "200 or 400", s -> s == 200 || s == 400,
                        raw("GET", "dicom-web/studies?PatientName=" + new String("é".getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1))),
                any("a caret and a backtick", "200 or 400", s -> s == 200 || s == 400, raw("GET", "dicom-web/studies?PatientName=a^b`")),
                // unbounded queries
                is("instances without limit", 200, get("dicom-web/instances?includefield=all")),
                is("a limit of a billion", 200, get("dicom-web/studies?limit=1000000000")),
                any("a negative limit", "400", s -> s == 400, get("dicom-web/studies?limit=-1")),
                any("100 wildcards", "400", s -> s == 400, get("dicom-web/studies?PatientName=" + repeat('*', 100))),
                any("a rendered viewport of 65535", "no fault", NOT_A_SERVER_FAULT, get("dicom-web/studies/"
                        + Samples.BRAIN_UID + "/rendered?viewport=65535,65535")),
                // forged viewer links and forwarded headers
                is("a foreign url=", 400, get("ohif/viewer?url=" + evil)),
                is("a foreign URL=", 400, get("ohif/viewer?URL=" + evil)),
                is("a foreign u%72l=", 400, get("ohif/viewer?u%72l=" + evil)),
                is("two url=, one foreign", 400, get("ohif/viewer?url=" + base + "studies/x/ohif-dicom-json&url=" + evil)),
                is("a protocol-relative url=", 400, get("ohif/viewer?url=//evil.example/x.json")),
                is("X-Forwarded-Prefix from an untrusted address", 200,
                        get("ohif/app-config.js", "X-Forwarded-Prefix", "/%2e%2e/evil")),
                is("X-Forwarded-Host from an untrusted address", 200, get("ohif/app-config.js", "X-Forwarded-Host", "evil.example")),
                // the launcher's search
                any("a 500-word search", "200 or 400", s -> s == 200 || s == 400, get("?q=" + "a+".repeat(500))),
                any("a 6 KB search", "200, 400 or 414", s -> s == 200 || s == 400 || s == 414, get("?q=" + repeat('z', 6_000))),
                any("a wildcard-only search", "200 or 400", s -> s == 200 || s == 400, get("?q=" + "*".repeat(50))),
                // identifiers
                any("a study document of a non-id", "4xx", CLIENT_ERROR, get("studies/not-an-id/ohif-dicom-json")),
                is("a study document of an unknown id", 404,
                        get("studies/00000000-00000000-00000000-00000000-00000000/ohif-dicom-json")),
                any("a file of a non-id", "4xx", CLIENT_ERROR, get("instances/x/file")),
                any("health with a matrix parameter", "no fault", NOT_A_SERVER_FAULT, raw("GET", "health;x")),
                any("health with a trailing slash", "no fault", NOT_A_SERVER_FAULT, raw("GET", "health/"))));
        run(list);

        assertEquals(instancesBefore, Json.MAPPER.readTree(o.get("/statistics").body()).path("CountInstances").asLong(),
                "no hostile request changed Orthanc");
        RawHttp.Answer crlf = RawHttp.send(base, "GET", base.getPath() + "dicom-web/studies?PatientName=%0d%0aSet-Cookie:%20a=b");
        assertFalse(crlf.head().contains("Set-Cookie: a=b"), crlf.head());
        String config = Http.text(Http.get(base, "ohif/app-config.js", "X-Forwarded-Prefix", "/%2e%2e/evil",
                "X-Forwarded-Host", "evil.example"));
        assertFalse(config.contains("evil") || config.contains("%2e%2e"), "untrusted forwarded headers are ignored");
        HttpResponse<byte[]> all = Http.get(base, "dicom-web/instances?includefield=all");
        assertTrue(Json.MAPPER.readTree(all.body()).size() <= 1000, "capped");
    }

    // ---- faults: a stored file gone, Orthanc's keep-alive ------------------------------------------------------------

    /**
     * An instance whose stored file was removed behind Orthanc's back: the backfill tries it, skips it, lists it in
     * {@code preload/status}, and finishes the pass; its study still opens (without it) and the WAR serves on.
     */
    @Test
    void anInstanceWhoseFileIsGoneIsSkippedAndListedAndThePassEnds(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        TestOrthanc o = TestOrthanc.named(ORTHANC, false);
        String study = crafted(tmp, "mr-brain/brain_002.dcm");
        String instance = Json.MAPPER.readTree(o.get("/studies/" + study + "/instances").body()).get(0).path("ID").asText();
        String uuid = Json.MAPPER.readTree(o.get("/instances/" + instance + "/attachments/dicom/info").body())
                .path("Uuid").asText();
        Path file = o.storage().resolve(uuid.substring(0, 2)).resolve(uuid.substring(2, 4)).resolve(uuid);
        // the main WAR's preload handles the new instance first (it would write its 4202 again after the removal)
        Await.until("the preload's record of the new instance", Duration.ofSeconds(30),
                () -> o.get("/instances/" + instance + "/metadata/4202").statusCode() == 200);
        assertTrue(Files.isRegularFile(file), "Orthanc's file of the instance: " + file);
        Files.delete(file);
        o.send("DELETE", "/instances/" + instance + "/metadata/4202", null); // whatever the main WAR's preload wrote
        o.restart(); // Orthanc keeps recently read files in memory (its storage cache): now it must read the disk
        deployer.deploy("backfill");
        try {
            URL other = Deployments.url("hostile-backfill.war");
            JsonNode status = Await.value("the backfill's end", Duration.ofSeconds(60),
                    () -> Json.MAPPER.readTree(Http.get(other, "preload/status").body()),
                    s -> s.path("backfill").path("state").asText().equals("done"));
            JsonNode skipped = status.path("skipped");
            assertTrue(skipped.path("count").asInt() >= 1, status.toString());
            assertTrue(skipped.toString().contains(instance), "listed by its Orthanc id: " + skipped);
            assertFalse(skipped.toString().contains("Brain") || skipped.toString().contains("123565"),
                    "no patient data in the status: " + skipped);
            assertEquals(200, Http.get(other, "health/ready").statusCode());
            assertEquals(200, Http.get(other, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json").statusCode());
        } finally {
            deployer.undeploy("backfill");
            // an instance without its file makes Orthanc's archive-wide searches fail (HTTP 500): not for the other tests
            o.send("DELETE", "/instances/" + instance, null);
        }
    }

    /**
     * Orthanc closes a keep-alive connection idle for about a second; calls spaced about a second apart are the worst
     * case for reusing one. Each through the WAR must still succeed (connections idle 0.7 s are not reused, and a call
     * that meets a closed one is sent again).
     */
    @Test
    void callsSpacedLikeOrthancsKeepAliveNeverMeetAClosedConnection() throws Exception {
        java.util.Random jitter = new java.util.Random(42);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Thread.sleep(900 + jitter.nextInt(250));
            statuses.add(Http.get(base, "dicom-web/studies?limit=1").statusCode());
        }
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
    }

    private static String headers(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "\r\n").append("X-H").append(i).append(": v");
        }
        return b.toString();
    }
}
