package org.ohifbridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ohifbridge.testing.Await;

/**
 * A real Orthanc (Debian's package, with its DICOMweb and GDCM plugins) for the integration tests: its own
 * storage folder and free loopback ports (bind shim), the sample studies uploaded once, stopped by PID when
 * the test JVM ends. {@link #shared()} is the one holding the samples; {@link #named(String, boolean)} starts
 * further ones (e.g. with authentication, or to be paused and stopped by error tests).
 */
public final class TestOrthanc {
    public static final String USER = "bridge";
    public static final String PASSWORD = "bridge-secret-" + Long.toHexString(System.nanoTime());

    private static final Map<String, TestOrthanc> INSTANCES = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final int httpPort;
    private final boolean auth;
    /** Orthanc on PostgreSQL: the index there, files in a folder other Orthancs of the cluster share; else none. */
    private TestPostgres.OrthancIndex index;
    private int dicomPort;
    private Process process;

    private TestOrthanc(Path dir, int httpPort, boolean auth) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.auth = auth;
    }

    /** The Orthanc with every sample study loaded. */
    public static TestOrthanc shared() {
        return INSTANCES.computeIfAbsent("shared", n -> {
            TestOrthanc o = start(n, false, null);
            o.uploadSamples();
            return o;
        });
    }

    public static TestOrthanc named(String name, boolean auth) {
        return INSTANCES.computeIfAbsent(name, n -> start(n, auth, null));
    }

    /**
     * One Orthanc of a cluster: its index in PostgreSQL (Debian's orthanc-postgresql, several writers allowed), its
     * files in the folder every Orthanc of the cluster shares.
     */
    public static TestOrthanc onDatabase(String name, TestPostgres.OrthancIndex index) {
        return INSTANCES.computeIfAbsent(name, n -> start(n, false, index));
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Where Orthanc stores its files (and its index): {@code <dir>/db}. */
    public Path storage() {
        return dir.resolve("db");
    }

    public boolean authEnabled() {
        return auth;
    }

    private static TestOrthanc start(String name, boolean auth, TestPostgres.OrthancIndex index) {
        try {
            Path dir = Files.createTempDirectory("ohif-bridge-it-orthanc-" + name + "-");
            TestOrthanc o = new TestOrthanc(dir, freePort(), auth);
            o.index = index;
            o.launch(freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(o::stop));
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(int dicomPort) throws IOException {
        this.dicomPort = dicomPort;
        String shim = System.getProperty("orthanc.shim");
        if (shim == null || !Files.isRegularFile(Path.of(shim))) {
            throw new IllegalStateException("the loopback bind shim is missing (" + shim + "): run scripts/test.sh");
        }
        Path db = Files.createDirectories(dir.resolve("db"));
        // the configuration the demo and the benchmarks use too (scripts/lib.sh, start_orthanc)
        String config = Files.readString(Path.of(System.getProperty("orthanc.template", "scripts/orthanc.json.template")))
                .replace("@NAME@", "ohif-bridge-it").replace("@STORAGE@", db.toString())
                .replace("@HTTP_PORT@", Integer.toString(httpPort)).replace("@DICOM_PORT@", Integer.toString(dicomPort))
                .replace("@AUTHENTICATION@", Boolean.toString(auth))
                .replace("@USERS@", "{ \"" + USER + "\": \"" + PASSWORD + "\" }");
        if (index != null) {
            com.fasterxml.jackson.databind.node.ObjectNode c =
                    (com.fasterxml.jackson.databind.node.ObjectNode) org.ohifbridge.Json.MAPPER.readTree(config);
            c.put("StorageDirectory", index.storage().toString());
            ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("Plugins"))
                    .add("/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so");
            c.set("PostgreSQL", index.config());
            config = c.toPrettyString();
        }
        Path configFile = dir.resolve("orthanc.json");
        Files.writeString(configFile, config);
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/Orthanc", "--logfile=" + dir.resolve("orthanc.log"),
                configFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        pb.environment().put("LD_PRELOAD", shim);
        process = pb.start();
        // connection refused while it starts: Await asks again; an Orthanc that exited fails at once
        Await.until("Orthanc on port " + httpPort + " (" + dir + ")", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Orthanc exited; see " + dir);
            }
            return get("/system").statusCode() == 200;
        });
    }

    /** Uploads the sample studies (once per Orthanc is enough: uploading again answers AlreadyStored). */
    public void uploadSamples() {
        Path samples = samplesDir();
        if (!Files.isRegularFile(samples.resolve(".complete"))) {
            throw new IllegalStateException("sample studies missing in " + samples + ": run scripts/test.sh");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(samples)) {
            s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(files::add);
            for (Path f : files) {
                upload(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads every .dcm file under {@code dir} (sorted), as a PACS would receive them; returns their ids. */
    public List<String> uploadAll(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                ids.add(upload(f));
            }
        }
        return ids;
    }

    /** The sample studies' folder and the 200 cloned MR slices (scripts/lib.sh, make_clones). */
    public static Path samplesDir() {
        return Path.of(System.getProperty("samples.dir", ".cache/samples"));
    }

    public static Path clonesDir() {
        Path p = Path.of(System.getProperty("clones.dir", ".cache/clones-200"));
        if (!Files.isRegularFile(p.resolve(".complete"))) {
            throw new IllegalStateException("cloned studies missing in " + p + ": run scripts/test.sh");
        }
        return p;
    }

    /** Any request to Orthanc itself (with credentials when needed). */
    public HttpResponse<byte[]> send(String method, String path, byte[] body) throws IOException {
        return send(authorized(HttpRequest.newBuilder(URI.create(url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    /**
     * POST one file to /instances. Orthanc 1.10 closes a keep-alive connection after about a second of idle
     * time, and the JDK client does not retry a POST on a connection that was closed under it: try again on
     * a fresh connection (storing the same file twice is harmless: "AlreadyStored").
     */
    public String upload(Path f) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(url() + "/instances")))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofFile(f)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("upload of " + f + " failed: " + r.statusCode() + " " + r.body());
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ID\"\\s*:\\s*\"([0-9a-f-]+)\"").matcher(r.body());
                if (!m.find()) {
                    throw new IllegalStateException("no ID in Orthanc's answer: " + r.body());
                }
                return m.group(1);
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** GET on Orthanc itself, with credentials when it has authentication on. */
    public HttpResponse<byte[]> get(String path, String... headers) throws IOException {
        return send(authorized(HttpRequest.newBuilder(URI.create(url() + path))), headers);
    }

    /** GET on Orthanc with only the given headers (e.g. a browser's wrong credentials). */
    public HttpResponse<byte[]> getWithoutCredentials(String path, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url() + path)), headers);
    }

    /**
     * A request on a keep-alive connection that Orthanc closed under it fails with "received no bytes" (the JDK
     * client retries only GETs by itself): such a request never reached Orthanc, so send it again.
     */
    private static HttpResponse<byte[]> send(HttpRequest.Builder b, String... headers) throws IOException {
        b.timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpRequest request = b.build();
        for (int attempt = 1; ; attempt++) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        if (auth) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /** SIGSTOP: the kernel still accepts connections, but Orthanc answers nothing (a hung server). */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String sig) {
        try {
            Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kill -" + sig + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops Orthanc and starts it again on the same storage and ports (its database and change log kept). */
    public synchronized void restart() throws IOException {
        restart(false, Duration.ZERO);
    }

    /**
     * As {@link #restart()}; {@code kill}: SIGKILL, as a crash or an OOM killer would end it, mid-write; {@code down}:
     * how long it stays down before it starts again.
     */
    public synchronized void restart(boolean kill, Duration down) throws IOException {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Orthanc did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        launch(dicomPort);
    }

    /** SIGTERM to our own PID, then wait (Orthanc needs about 3.5 s). */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a test run for
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
