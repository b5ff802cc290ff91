package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;

/**
 * Preloading against a real Orthanc: 200 instances uploaded while the WAR runs all get their metadata 4202,
 * and so do those uploaded while the WAR is stopped half-way through an upload and started again, and those
 * uploaded after Orthanc itself restarted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreloadIT {
    private static final String DATA = Deployments.dataFolder("preload");

    @Deployment(name = "preload", testable = false, managed = false)
    static WebArchive preload() {
        return Deployments.war("preload.war", Map.of("OrthancUrl", TestOrthanc.named("preload", false).url(),
                "DataSource", "dicom-json", "DataFolder", DATA));
    }

    @ArquillianResource
    Deployer deployer;

    private final URL base = Deployments.url("preload.war");

    @Test
    @Order(1)
    void everyInstanceIsCoveredEvenAcrossAStopOfTheWar() throws Exception {
        TestOrthanc orthanc = TestOrthanc.named("preload", false);
        List<Path> studies;
        try (Stream<Path> s = Files.list(TestOrthanc.clonesDir())) {
            studies = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(10, studies.size());
        deployer.deploy("preload");
        waitUntilFollowing();

        // 1. 100 instances uploaded while the WAR runs
        List<String> first = new ArrayList<>();
        for (Path study : studies.subList(0, 5)) {
            first.addAll(orthanc.uploadAll(study));
        }
        assertEquals(100, first.size());
        long ms = Coverage.waitFor(orthanc, first, 60_000);
        System.out.println("[PreloadIT] 100 instances covered " + ms + " ms after their upload ended");

        // 2. 100 more; the WAR is stopped after about a third of them and started again after the last
        AtomicInteger uploaded = new AtomicInteger();
        List<String> second = new ArrayList<>();
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
            try {
                for (Path study : studies.subList(5, 10)) {
                    try (Stream<Path> files = Files.walk(study)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                            synchronized (second) {
                                second.add(orthanc.upload(f));
                            }
                            uploaded.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("30 uploads", Duration.ofSeconds(60), Duration.ofMillis(10),
                () -> uploaded.get() >= 30 || upload.isDone());
        deployer.undeploy("preload");
        int whenStopped = uploaded.get();
        upload.get();
        assertTrue(whenStopped < 100, "stopped in the middle of the upload (" + whenStopped + ")");
        assertTrue(Coverage.missing(orthanc, second).size() > 0, "the instances uploaded while it was down wait");
        deployer.deploy("preload");
        ms = Coverage.waitFor(orthanc, second, 60_000);
        System.out.println("[PreloadIT] WAR stopped after " + whenStopped + " of 100 uploads; every instance covered "
                + ms + " ms after it started again");
        assertTrue(ServerLog.text().contains("ohif-bridge: preload resumes after change"));
        assertTrue(Files.isRegularFile(Path.of(DATA, "preload.json")));

        JsonNode status = waitUntilFollowing();
        assertEquals(0, status.path("preload").path("behind").asLong(), status.toString());

        // 3. Orthanc itself is killed (SIGKILL) in the middle of an ingest and started again on the same database:
        // the WAR waits for it and covers everything that was stored, before and after
        List<Path> files;
        try (Stream<Path> s = Files.walk(TestOrthanc.samplesDir())) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        List<String> third = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (i == 10) {
                orthanc.restart(true, Duration.ofSeconds(3)); // down long enough for the preload to notice
            }
            third.add(uploadUntilStored(orthanc, files.get(i)));
        }
        ms = Coverage.waitFor(orthanc, third, 90_000);
        System.out.println("[PreloadIT] Orthanc killed after 10 of " + third.size() + " uploads and started again; "
                + "every instance covered " + ms + " ms after the upload ended");
        assertTrue(ServerLog.text().contains("ohif-bridge: preload waits for Orthanc"), "it noticed, and waited");
        assertEquals(List.of(), Coverage.missing(orthanc, first));
        deployer.undeploy("preload");
    }

    /**
     * The data folder turns read-only at runtime (the immutable attribute: root, who runs the servers here, ignores
     * file modes) and back: the preload keeps covering new instances, status and {@code health/ready} say so, the
     * position file is left as it was; once writable, it is written again and both say so.
     */
    @Test
    @Order(2)
    void aDataFolderThatTurnsReadOnlyAndBackNeverStopsThePreload() throws Exception {
        TestOrthanc orthanc = TestOrthanc.named("preload", false);
        Path data = Path.of(DATA);
        Files.createDirectories(data);
        Assumptions.assumeTrue(chattr("+i", data), "chattr +i needs root and a file system that has the attribute");
        chattr("-i", data);
        List<Path> studies;
        try (Stream<Path> s = Files.list(TestOrthanc.clonesDir())) {
            studies = s.filter(Files::isDirectory).sorted().toList();
        }
        deployer.deploy("preload");
        try {
            waitUntilFollowing();
            Path position = data.resolve("preload.json");
            byte[] before = Files.readAllBytes(position);
            Map<Path, Long> mark = ServerLog.mark();
            assertTrue(chattr("+i", data));
            List<String> whileReadOnly = uploadAgain(orthanc, studies.get(0));
            long ms = Coverage.waitFor(orthanc, whileReadOnly, 60_000);
            JsonNode status = Json.MAPPER.readTree(Http.get(base, "preload/status").body());
            assertEquals("not writable (positions kept in memory)", status.path("dataFolder").asText(), status.toString());
            HttpResponse<byte[]> ready = Http.get(base, "health/ready");
            assertEquals(200, ready.statusCode(), "the WAR still serves");
            assertEquals("DEGRADED", Json.MAPPER.readTree(ready.body()).path("status").asText(), Http.text(ready));
            assertArrayEquals(before, Files.readAllBytes(position), "the position file is left as it was");
            System.out.println("[PreloadIT] data folder read-only: " + whileReadOnly.size() + " instances covered "
                    + ms + " ms after their upload; status and health/ready said so");

            assertTrue(chattr("-i", data));
            List<String> afterwards = uploadAgain(orthanc, studies.get(1));
            Coverage.waitFor(orthanc, afterwards, 60_000);
            Await.until("the position written again", Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> !Arrays.equals(before, Files.readAllBytes(position)));
            status = waitUntilFollowing();
            assertEquals("writable", status.path("dataFolder").asText(), status.toString());
            ready = Http.get(base, "health/ready");
            assertEquals("UP", Json.MAPPER.readTree(ready.body()).path("status").asText(), Http.text(ready));
            String log = ServerLog.since(mark);
            // Tomcat writes each line to two files (catalina.out and the dated log): once per file
            long files = ServerLog.filesWith("is written again", mark);
            assertTrue(files >= 1, log);
            assertEquals(files, log.split(java.util.regex.Pattern.quote("cannot write " + position), -1).length - 1,
                    "reported once: " + log);
            assertTrue(log.contains(position + " is written again"), log);
            assertFalse(log.contains("Exception:") || log.contains("\tat "), "no stack trace: " + log);
        } finally {
            chattr("-i", data);
            deployer.undeploy("preload");
        }
    }

    /** Deletes the study's instances from Orthanc and uploads them again: new instances for the preload. */
    private static List<String> uploadAgain(TestOrthanc orthanc, Path study) throws IOException {
        for (String id : orthanc.uploadAll(study)) {
            assertEquals(200, orthanc.send("DELETE", "/instances/" + id, null).statusCode());
        }
        return orthanc.uploadAll(study);
    }

    private static boolean chattr(String change, Path dir) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", change, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** An upload that a restarting Orthanc refuses is sent again until it is stored, as a modality would. */
    private static String uploadUntilStored(TestOrthanc orthanc, Path file) throws Exception {
        return Await.value("upload of " + file.getFileName(), Duration.ofSeconds(60), () -> {
            try {
                return orthanc.upload(file);
            } catch (IOException | IllegalStateException e) {
                return null;
            }
        }, id -> id != null);
    }

    private JsonNode waitUntilFollowing() {
        return Await.value("preload following the change log", Duration.ofSeconds(30),
                () -> Json.MAPPER.readTree(Http.get(base, "preload/status").body()),
                status -> "up to date".equals(status.path("preload").path("state").asText()));
    }
}
