package org.ohifbridge.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ohifbridge.testing.Await;

/**
 * Debian's HAProxy in front of the replicas, as a hospital's load balancer: round-robin, a browser's session kept on
 * one replica while it lives (a cookie of the balancer's own), each replica checked every second on
 * {@code health/ready} (out after two failures, back after two successes), a request whose replica refuses the
 * connection sent to another one. Listens on 127.0.0.1 only; its own process, stopped by its PID.
 */
final class TestHaproxy implements AutoCloseable {
    /** The balancer's cookie: {@code r<i>} names the replica a browser sticks to. */
    static final String NODE_COOKIE = "OHIFBRIDGE_NODE";
    private final Path dir;
    private final int port;
    private final Process process;

    /** @param replicas host:port of each replica; every replica serves the WAR at {@code /context/} */
    TestHaproxy(String context, List<String> replicas) throws IOException {
        this(context, replicas, freePort());
    }

    /** @param port where it listens (a fixed one when a sign-on provider must know the address) */
    TestHaproxy(String context, List<String> replicas, int port) throws IOException {
        dir = Files.createTempDirectory("ohif-bridge-it-haproxy-");
        this.port = port;
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 2
                    option redispatch
                    retry-on all-retryable-errors
                frontend replicas_in
                    bind 127.0.0.1:%d
                    default_backend replicas
                backend replicas
                    balance roundrobin
                    cookie %s insert indirect nocache httponly
                    option httpchk GET /%s/health/ready
                    http-check expect status 200
                    default-server inter 1s fall 2 rise 2
                """.formatted(port, NODE_COOKIE, context));
        for (int i = 0; i < replicas.size(); i++) {
            cfg.append("    server r").append(i).append(' ').append(replicas.get(i)).append(" check cookie r").append(i)
                    .append('\n');
        }
        Files.writeString(dir.resolve("haproxy.cfg"), cfg);
        process = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", dir.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        Await.until("HAProxy on port " + port, Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("HAProxy exited: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    URL url(String context) {
        try {
            return new URL("http://127.0.0.1:" + port + "/" + context + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
