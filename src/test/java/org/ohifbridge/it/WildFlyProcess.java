package org.ohifbridge.it;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Http;

/**
 * A WildFly node of a cluster for the session tests: the distribution the tests unpacked ({@code jboss.home}), a server
 * base folder of its own, the {@code standalone-ha.xml} profile (distributable sessions in Infinispan), every socket on
 * 127.0.0.1 and shifted by a port offset, and JGroups set up by {@code wildfly-config/cluster.cli} as the README has an
 * admin run it (TCP, its peers listed: no multicast).
 * The WAR is dropped into its deployments folder under {@code <context>.war}; its settings are system properties. Its
 * JVM is a child of standalone.sh: killing the node kills both.
 */
final class WildFlyProcess implements AutoCloseable {
    static final int JGROUPS_TCP = 7600;
    private final Path base;
    private final String name;
    private final int offset;
    private final String context;
    private final List<String> properties = new ArrayList<>();
    private final String peers;
    private Process process;

    /** @param peerOffsets the port offsets of every node of the cluster, this one's included */
    WildFlyProcess(String name, String context, int offset, int[] peerOffsets, Map<String, String> settings)
            throws IOException {
        this.name = name;
        this.offset = offset;
        this.context = context;
        Path home = Path.of(System.getProperty("jboss.home"));
        base = Files.createTempDirectory("ohif-bridge-it-wildfly-" + name + "-");
        for (String d : List.of("configuration", "deployments", "data", "log", "tmp")) {
            Files.createDirectories(base.resolve(d));
        }
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base.resolve("configuration").resolve(f.getFileName()));
            }
        }
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < peerOffsets.length; i++) {
            peers.append(i == 0 ? "" : ",").append("127.0.0.1[").append(JGROUPS_TCP + peerOffsets[i]).append(']');
        }
        this.peers = peers.toString();
        String trace = System.getProperty("it.wildfly.trace", "");
        if (!trace.isEmpty()) { // -Dit.wildfly.trace=<category>: that logger at TRACE in the node's server.log
            Path ha = base.resolve("configuration/standalone-ha.xml");
            Files.writeString(ha, Files.readString(ha).replace("<root-logger>", "<logger category=\"" + trace
                    + "\"><level name=\"TRACE\"/></logger><root-logger>"));
        }
        Files.copy(Path.of(System.getProperty("war.file", "target/ohif-bridge.war")),
                base.resolve("deployments").resolve(context + ".war"));
        properties.add("-Djboss.server.base.dir=" + base);
        properties.add("-Djboss.node.name=" + name);
        properties.add("-Djboss.bind.address=127.0.0.1");
        properties.add("-Djboss.bind.address.private=127.0.0.1");
        properties.add("-Djboss.bind.address.management=127.0.0.1");
        properties.add("-Djboss.socket.binding.port-offset=" + offset);
        settings.forEach((k, v) -> properties.add("-Dohifbridge." + k + "=" + v));
    }

    int httpPort() {
        return 8080 + offset;
    }

    WildFlyProcess start() throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-ha.xml"));
        command.addAll(properties);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("log/stdout.log").toFile());
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        awaitWar();
        cluster();
        awaitWar();
        return this;
    }

    /** wildfly-config/cluster.cli against this node's management port; it ends with a reload. */
    private void cluster() throws IOException {
        Path properties = base.resolve("ohif-bridge.properties");
        Files.writeString(properties, "cluster.peers=" + peers + "\n");
        Path home = Path.of(System.getProperty("jboss.home"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + offset), "--timeout=60000", "--resolve-parameter-values",
                "--properties=" + properties, "--file=" + Path.of(System.getProperty("wildfly.config.dir"), "cluster.cli"))
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = pb.start();
        String out = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!cli.waitFor(120, TimeUnit.SECONDS) || cli.exitValue() != 0 || out.contains("WFLYCTL")) {
                throw new IllegalStateException("cluster.cli failed on " + name + ":\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void awaitWar() {
        Await.until("WildFly node on port " + httpPort(), Duration.ofSeconds(180), Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("WildFly exited; see " + base.resolve("log"));
            }
            try {
                return Http.get(url(), "health/live").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    URL url() {
        try {
            return new URL("http://127.0.0.1:" + httpPort() + "/" + context + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    String log() throws IOException {
        Path server = base.resolve("log/server.log");
        return Files.isRegularFile(server) ? Files.readString(server) : "";
    }

    /** SIGKILL to the JVM and its launcher script: the node dies without a word. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            // kept for a look after the run: target/it-logs/wildfly-<node>.log
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path server = base.resolve("log/server.log");
            if (Files.isRegularFile(server)) {
                Files.copy(server, logs.resolve("wildfly-" + name + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // only a copy
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a run for
        }
    }
}
