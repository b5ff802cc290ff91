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
 * Ten deployments and undeployments of the WAR in one running server, the last three while requests keep coming: no
 * ohif-bridge thread outlives its deployment, class loaders of quietly undeployed WARs do not pile up (asked of the server's
 * JVM with {@code jcmd}: its threads, and the copies of one of our classes still loaded after a full GC; the test servers
 * clear soft references at every GC, see arquillian.xml), and no stack trace of ours in the log. On failure the server's
 * heap is dumped to {@code target/redeploy-<server>.hprof} for a look at what holds the old loaders.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {
    static final int ROUNDS = 10;
    /** Redeploys without traffic at undeploy; the others undeploy while two clients send requests. */
    static final int QUIET_ROUNDS = 7;
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
        // earlier test classes' WARs may still be loaded until the GC takes them: the baseline is what stays
        int loadersBefore = collect(server, 0, Duration.ofSeconds(30));
        for (int round = 1; round <= QUIET_ROUNDS; round++) {
            deployer.deploy("redeploy");
            assertEquals(200, Http.get(base, "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json").statusCode());
            assertEquals(200, Http.get(base, "health/ready").statusCode());
            deployer.undeploy("redeploy");
        }
        int afterQuiet = collect(server, loadersBefore, Duration.ofSeconds(60));
        String quietLog = ServerLog.since(log);
        for (int round = 1; round <= ROUNDS - QUIET_ROUNDS; round++) {
            deployer.deploy("redeploy");
            assertEquals(200, Http.get(base, "health/ready").statusCode());
            undeployUnderLoad();
        }
        List<String> left = Await.value("ohif-bridge threads to end", Duration.ofSeconds(30), () -> ourThreads(server),
                threads -> threads.size() <= threadsBefore);
        int afterLoad = collect(server, loadersBefore, Duration.ofSeconds(60));
        System.out.println("[RedeployIT] loaded copies of " + PROBE_CLASS + ": " + loadersBefore + " before, "
                + afterQuiet + " after " + QUIET_ROUNDS + " redeploys, " + afterLoad + " after " + (ROUNDS - QUIET_ROUNDS)
                + " more undeployed under load; ohif-bridge threads: " + threadsBefore + " before, " + left.size() + " after");
        if (afterQuiet > loadersBefore || afterLoad > loadersBefore) {
            // for whoever looks into it: what holds the old class loaders (target/redeploy-<server>.hprof)
            jcmd(server, "GC.heap_dump", java.nio.file.Path.of("target", "redeploy-" + System.getProperty("it.server")
                    + ".hprof").toAbsolutePath().toString());
        }
        assertTrue(left.size() <= threadsBefore, "threads outlived their deployment: " + left);
        // a loader kept per deployment would leave 7 here; one was seen to linger, reachable only through weak
        // references inside the JDK (see below), so the bound is one
        assertTrue(afterQuiet - loadersBefore <= 1, (afterQuiet - loadersBefore) + " class loaders of " + QUIET_ROUNDS
                + " undeployed WARs still loaded; thread locals left at their undeploys: " + threadLocalsLeft(quietLog));
        // Undeploys with requests in flight were seen to leave their loader loaded (on Tomcat 10.1 up to one each; a heap
        // dump shows them only behind weak references inside the JDK, com.sun.naming.internal.ResourceManager): reported
        // above, not yet asserted.
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

    /**
     * Full GCs until at most {@code before} copies of the probe class are loaded, for {@code atMost}; the count then.
     * Tomcat renews the request threads that were alive when a context stopped (the thread locals that libraries such as
     * Weld leave on them go with them), but only as each finishes a request, one a second, or after a minute idle: so
     * requests keep coming, a few every half second, while the loaders are counted.
     */
    private int collect(long server, int before, Duration atMost) throws Exception {
        long end = System.nanoTime() + atMost.toNanos();
        int n;
        do {
            for (int i = 0; i < 4; i++) {
                Http.get(new URL(base, "/"), "");
            }
            jcmd(server, "GC.run");
            n = loadedCopies(server);
        } while (n > before && System.nanoTime() < end && pause());
        return n;
    }

    /** The kinds of values Tomcat found left in threads' thread locals when a context stopped, for a failure's message. */
    private static String threadLocalsLeft(String log) {
        var m = java.util.regex.Pattern.compile("a value of type \\[([^\\]]+)\\]").matcher(log);
        java.util.TreeMap<String, Integer> kinds = new java.util.TreeMap<>();
        while (m.find()) {
            kinds.merge(m.group(1).replaceAll("\\$\\$Lambda.*", "$$Lambda"), 1, Integer::sum);
        }
        return kinds.isEmpty() ? "none reported by the server" : kinds.toString();
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    /** Every thread's name, numbers taken out (pool threads renew). */
    static List<String> threadNames(long pid) throws IOException {
        return jcmd(pid, "Thread.print").lines().filter(l -> l.startsWith("\""))
                .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("\\d+", "#")).distinct().sorted().toList();
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
