package org.ohifbridge.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;

/**
 * A second server for the cluster tests: the same Tomcat distribution the tests downloaded ({@code catalina.home}),
 * in a base folder of its own, one HTTP connector on 127.0.0.1, the built WAR deployed with its settings as context
 * parameters (the way an admin writes {@code conf/Catalina/localhost/<name>.xml}). A separate JVM, so that a test can
 * kill it (SIGKILL) as a node dies.
 */
final class TomcatProcess implements AutoCloseable {
    private final Path base;
    private final int port;
    private final String context;
    private Process process;

    TomcatProcess(String context, Map<String, String> settings) throws IOException {
        this(context, settings, freePort(), "");
    }

    /**
     * @param port    its HTTP port
     * @param cluster XML placed in its Engine (a Tomcat cluster: session replication), or ""
     */
    TomcatProcess(String context, Map<String, String> settings, int port, String cluster) throws IOException {
        this(context, settings, port, cluster, "");
    }

    /** @param contextExtra XML placed in the WAR's Context element (e.g. its session Manager) */
    TomcatProcess(String context, Map<String, String> settings, int port, String cluster, String contextExtra)
            throws IOException {
        this.context = context;
        this.base = Files.createTempDirectory("ohif-bridge-it-tomcat-" + context + "-");
        this.port = port;
        Path home = Path.of(System.getProperty("catalina.home"));
        for (String d : List.of("conf/Catalina/localhost", "logs", "webapps", "work", "temp")) {
            Files.createDirectories(base.resolve(d));
        }
        Files.copy(home.resolve("conf/web.xml"), base.resolve("conf/web.xml"));
        Files.copy(home.resolve("conf/logging.properties"), base.resolve("conf/logging.properties"));
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" address="127.0.0.1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      %s
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port, cluster));
        StringBuilder xml = new StringBuilder("<Context docBase=\"")
                .append(Path.of(System.getProperty("war.file", "target/ohif-bridge.war")).toAbsolutePath()).append("\">\n");
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.putIfAbsent("SignOn", "anonymous");
        all.forEach((k, v) -> xml.append("  <Parameter name=\"ohifbridge.").append(k).append("\" value=\"")
                .append(v.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;"))
                .append("\" override=\"false\"/>\n"));
        xml.append(contextExtra).append("</Context>\n");
        Files.writeString(base.resolve("conf/Catalina/localhost/" + context + ".xml"), xml);
    }

    /** Starts the JVM and waits until the WAR answers {@code health/live}. */
    TomcatProcess start() throws IOException {
        Path home = Path.of(System.getProperty("catalina.home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx512m",
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-cp", home.resolve("bin/bootstrap.jar") + ":" + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start")
                .redirectErrorStream(true).redirectOutput(base.resolve("logs/stdout.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        Await.until("Tomcat " + context + " on port " + port, Duration.ofSeconds(90), Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Tomcat exited; see " + base.resolve("logs"));
            }
            try {
                return Http.get(url(), "health/live").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    int port() {
        return port;
    }

    URL url() {
        try {
            return new URL("http://127.0.0.1:" + port + "/" + context + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Its log, for a look at what the replica said. */
    String log() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                b.append(Files.readString(f));
            }
        }
        return b.toString();
    }

    /** SIGKILL: the node dies without a word (no undeploy, no lease released). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a run for
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
