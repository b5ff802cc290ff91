package org.ohifbridge.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;

/**
 * A private PostgreSQL for the cluster tests: Debian's server binaries, a cluster made with initdb in a temporary
 * folder, listening on 127.0.0.1 only at a free port (its socket in that folder), never the packaged system service.
 * PostgreSQL refuses to run as root, so when the tests run as root it runs as the {@code postgres} user the package
 * created. It holds Orthanc's index ({@code orthanc}) and ohif-bridge's state ({@code bridge}), each with its own
 * user and password. Stopped by its PID (SIGINT: fast shutdown) at the end of the run.
 */
public final class TestPostgres {
    private static TestPostgres shared;

    private final Path dir;
    private final int port;
    private final String orthancPassword = "orthanc-" + Long.toHexString(System.nanoTime());
    private final String bridgePassword = "bridge-" + Long.toHexString(System.nanoTime() * 31);
    private Process process;

    /** How an Orthanc of the cluster reaches its index, and the folder the cluster's Orthancs share for files. */
    public record OrthancIndex(ObjectNode config, Path storage) {
    }

    private TestPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The one PostgreSQL of the run, started at first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("ohif-bridge-it-pg-");
                TestPostgres pg = new TestPostgres(dir, freePort());
                pg.start();
                Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
                shared = pg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/bridge";
    }

    /** A database of its own for one test (owned by the bridge user, created at first use): its JDBC URL. */
    public synchronized String jdbcUrl(String database) {
        if (!sql("postgres", "SELECT datname FROM pg_database WHERE datname = '" + database + "'").equals(database)) {
            sql("postgres", "CREATE DATABASE " + database + " OWNER bridge");
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String bridgeUser() {
        return "bridge";
    }

    /** A file holding the bridge user's password (DatabasePasswordFile). */
    public Path bridgePasswordFile() {
        return dir.resolve("bridge.password");
    }

    public OrthancIndex orthancIndex() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("EnableIndex", true);
        c.put("EnableStorage", false);
        c.put("Host", "127.0.0.1");
        c.put("Port", port);
        c.put("Database", "orthanc");
        c.put("Username", "orthanc");
        c.put("Password", orthancPassword);
        c.put("Lock", false); // several Orthancs write to this index
        c.put("EnableSsl", false);
        return new OrthancIndex(c, dir.resolve("orthanc-storage"));
    }

    /** Runs SQL as the superuser on a database, over the cluster's socket; returns psql's output (unaligned). */
    public String sql(String database, String sql) {
        try {
            Process p = new ProcessBuilder(bin("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
                    "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void start() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(dir.resolve("orthanc-storage"));
        Files.writeString(bridgePasswordFile(), bridgePassword + "\n");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        Path pwfile = dir.resolve("superuser.pw");
        Files.writeString(pwfile, "postgres-" + Long.toHexString(System.nanoTime()) + "\n");
        if (root) {
            run(List.of("chown", "postgres:postgres", pwfile.toString()));
        }
        run(asPostgres(root, bin("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--no-instructions"));
        List<String> command = asPostgres(root, bin("postgres").toString(), "-D", data.toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-k", dir.toString(),
                "-c", "fsync=off", "-c", "max_connections=200", "-c", "logging_collector=off");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();
        Await.until("PostgreSQL on port " + port + " (" + dir + ")", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("PostgreSQL exited: " + Files.readString(dir.resolve("postgres.log")));
            }
            try {
                sql("postgres", "SELECT 1");
                return true;
            } catch (IllegalStateException e) {
                return false;
            }
        });
        sql("postgres", "CREATE ROLE orthanc LOGIN PASSWORD '" + orthancPassword + "'");
        sql("postgres", "CREATE DATABASE orthanc OWNER orthanc");
        sql("postgres", "CREATE ROLE bridge LOGIN PASSWORD '" + bridgePassword + "'");
        sql("postgres", "CREATE DATABASE bridge OWNER bridge");
    }

    /** SIGINT to the postmaster's PID (fast shutdown), then the folder goes. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a run for
        }
    }

    /** The command, run as the postgres user when we are root (setpriv execs it: its PID is the server's). */
    private static List<String> asPostgres(boolean root, String... command) {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        c.addAll(List.of(command));
        return c;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Debian's server binaries, whatever the major version installed. */
    private static Path bin(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.sorted(Comparator.reverseOrder()).map(v -> v.resolve("bin").resolve(name))
                    .filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL's " + name + " is missing: run scripts/test.sh"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed: run scripts/test.sh", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
