package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.Samples;

/**
 * Ten deployments and undeployments of the WAR in one running server, the last ones while requests keep coming: no
 * ohif-bridge thread outlives its deployment, no class loader of an old deployment stays behind (asked of the server's
 * JVM with {@code jcmd}: its threads, and the copies of one of our classes still loaded after a full GC), and no stack
 * trace of ours in the log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {
    static final int ROUNDS = 10;
    /** A class every deployment loads, whose copies count the deployments' class loaders still alive. */
    static final String PROBE_CLASS = "org.ohifbridge.orthanc.OrthancClient";

    @Deployment(name = "redeploy", testable = false, managed = false)
    static WebArchive war() {
        return Deployments.war("redeploy.war", Map.of("OrthancUrl", TestOrthanc.shared().url(),
                "DataSource", "dicom-json", "DataFolder", Deployments.dataFolder("redeploy")));
    }

    @ArquillianResource
    Deployer deployer;

    private final URL base = Deployments.url("redeploy.war");

    @Test
    void tenRedeploysLeaveNoThreadAndNoClassLoaderBehind() throws Exception {
        long server = serverPid();
        var log = ServerLog.mark();
        int threadsBefore = ourThreads(server).size();
        int loadersBefore = loadedCopies(server);
        for (int round = 1; round <= ROUNDS; round++) {
            deployer.deploy("redeploy");
            assertEquals(200, Http.get(base, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json").statusCode());
            assertEquals(200, Http.get(base, "health/ready").statusCode());
            if (round > ROUNDS - 3) {
                undeployUnderLoad();
            } else {
                deployer.undeploy("redeploy");
            }
        }
        List<String> left = Await.value("ohif-bridge threads to end", Duration.ofSeconds(30), () -> ourThreads(server),
                threads -> threads.size() <= threadsBefore);
        assertTrue(left.size() <= threadsBefore, "threads outlived their deployment: " + left);
        int loaders = Await.value("old class loaders to be collected", Duration.ofSeconds(60), Duration.ofSeconds(2),
                () -> {
                    jcmd(server, "GC.run");
                    return loadedCopies(server);
                }, n -> n <= loadersBefore);
        System.out.println("[RedeployIT] after " + ROUNDS + " redeploys: " + left.size() + " ohif-bridge threads, "
                + loaders + " loaded copies of " + PROBE_CLASS + " (before: " + threadsBefore + ", " + loadersBefore + ")");
        assertTrue(loaders <= loadersBefore, loaders + " copies of " + PROBE_CLASS + " still loaded");
        String added = ServerLog.since(log);
        assertFalse(added.contains("at org.ohifbridge."), "a stack trace of ours:\n" + added);
        assertFalse(added.contains("OutOfMemoryError"));
    }

    /** Undeploys while two clients keep opening a study and searching; they may see errors, the server may not leak. */
    private void undeployUnderLoad() throws Exception {
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<Void>> clients = List.of(load(go, answered, "studies/" + Samples.BRAIN_STUDY
                + "/ohif-dicom-json"), load(go, answered, "dicom-web/studies?limit=10"));
        Await.until("requests under way", Duration.ofSeconds(20), () -> answered.get() >= 10);
        deployer.undeploy("redeploy");
        go.set(false);
        for (CompletableFuture<Void> c : clients) {
            c.get();
        }
    }

    private CompletableFuture<Void> load(AtomicBoolean go, AtomicInteger answered, String path) {
        return CompletableFuture.runAsync(() -> {
            while (go.get()) {
                try {
                    Http.get(base, path);
                    answered.incrementAndGet();
                } catch (IOException e) {
                    // the deployment went away under the request
                }
            }
        });
    }

    /** The server's JVM: the test JVM's descendant that runs Tomcat or WildFly. */
    static long serverPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("catalina") || c.contains("jboss-modules"))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no server process below the test JVM"))
                .pid();
    }

    static List<String> ourThreads(long pid) throws IOException {
        return jcmd(pid, "Thread.print").lines().filter(l -> l.startsWith("\"ohif-bridge-")).toList();
    }

    static int loadedCopies(long pid) throws IOException {
        return (int) jcmd(pid, "VM.class_hierarchy", PROBE_CLASS).lines()
                .filter(l -> l.contains(PROBE_CLASS + "/")).count();
    }

    static String jcmd(long pid, String... command) throws IOException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        List<String> args = new java.util.ArrayList<>(List.of(jcmd, Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    private static final class Path {
        static java.nio.file.Path of(String first, String... more) {
            return java.nio.file.Path.of(first, more);
        }
    }
}
