package org.ohifbridge.orthanc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.testing.TestSettings;

/**
 * The Orthanc client against an Orthanc that misbehaves at the socket level: silent, drip-feeding, closing kept-alive
 * connections, or busy on one lane while another is probed. Each case is bounded by the deadline, not the read timeout.
 */
class OrthancClientFaultsTest {
    static final Duration BOUND = Duration.ofSeconds(10);

    /** A one-purpose HTTP server on a loopback socket: {@code conversation} gets each accepted connection. */
    static final class RawServer implements AutoCloseable {
        interface Conversation {
            void talk(Socket s, int connection) throws IOException, InterruptedException;
        }

        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> open = new CopyOnWriteArrayList<>();

        RawServer(Conversation conversation) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            new DaemonThreads("raw-server").newThread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        open.add(s);
                        int n = connections.incrementAndGet();
                        new DaemonThreads("raw-conversation").newThread(() -> {
                            try {
                                conversation.talk(s, n);
                            } catch (IOException | InterruptedException e) {
                                // the client went away
                            }
                        }).start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }).start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        static String readRequest(Socket s) throws IOException {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.append((char) b);
            }
            return head.toString();
        }

        static void answer(Socket s, String body) throws IOException {
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    OrthancClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    private OrthancClient client(RawServer server, String... more) {
        String[] settings = new String[more.length + 4];
        settings[0] = "OrthancUrl";
        settings[1] = server.url();
        settings[2] = "OrthancDeadline";
        settings[3] = "800";
        System.arraycopy(more, 0, settings, 4, more.length);
        client = new OrthancClient(TestSettings.of(settings));
        return client;
    }

    @Test
    void aSilentOrthancEndsAtTheDeadlineWith504NotAtTheReadTimeout() throws Exception {
        try (RawServer silent = new RawServer((s, n) -> {
            RawServer.readRequest(s);
            Thread.sleep(60_000);
        })) {
            OrthancClient c = client(silent, "OrthancReadTimeout", "60000");
            OrthancException e = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(OrthancException.class, () -> c.getJson(Lane.VIEWER, "statistics")));
            assertEquals(504, e.status());
        }
    }

    @Test
    void aDripFeedingOrthancCannotHoldTheCallPastTheDeadline() throws Exception {
        try (RawServer drip = new RawServer((s, n) -> {
            RawServer.readRequest(s);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[".getBytes());
            for (int i = 0; i < 100; i++) {
                Thread.sleep(200); // well inside any read timeout, every time
                out.write("1,".getBytes());
                out.flush();
            }
        })) {
            OrthancClient c = client(drip, "OrthancReadTimeout", "5000");
            long t0 = System.nanoTime();
            OrthancException e = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(OrthancException.class, () -> c.getJson(Lane.DOCUMENTS, "studies/x/instances")));
            assertEquals(504, e.status());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "ended by the deadline, not by a read timeout");
        }
    }

    /** Answers a file of {@code rounds} chunks of {@code chunk} bytes, one every {@code pauseMs}. */
    private static RawServer pacedFile(int rounds, int chunk, long pauseMs) throws IOException {
        return new RawServer((s, n) -> {
            RawServer.readRequest(s);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/dicom\r\nContent-Length: " + (long) rounds * chunk
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] part = new byte[chunk];
            for (int i = 0; i < rounds; i++) {
                out.write(part);
                out.flush();
                Thread.sleep(pauseMs);
            }
        });
    }

    @Test
    void aStreamedBodyThatDripsIsCutAfterADeadlineWindowWithoutProgress() throws Exception {
        try (RawServer drip = pacedFile(1000, 2, 200)) { // 10 bytes a second, each read well inside the read timeout
            OrthancClient c = client(drip, "OrthancReadTimeout", "5000");
            long t0 = System.nanoTime();
            IOException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(IOException.class, () -> {
                try (Response r = c.get(Lane.VIEWER, "instances/x/file", new MultivaluedHashMap<>());
                     InputStream in = r.readEntity(InputStream.class)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2 * 800 + 500, "cut after one window of 800 ms without 64 KiB, not later: " + ms + " ms");
            assertTrue(ms >= 800, "not before a whole window: " + ms + " ms (" + e + ")");
        }
    }

    @Test
    void aStreamedBodyThatKeepsItsPaceMayLastLongerThanTheDeadline() throws Exception {
        try (RawServer steady = pacedFile(12, 48 * 1024, 200)) { // 240 KiB/s for 2.4 s, three deadline windows
            OrthancClient c = client(steady);
            long t0 = System.nanoTime();
            long bytes = assertTimeoutPreemptively(BOUND, () -> {
                try (Response r = c.get(Lane.VIEWER, "instances/x/file", new MultivaluedHashMap<>());
                     InputStream in = r.readEntity(InputStream.class)) {
                    return in.transferTo(OutputStream.nullOutputStream());
                }
            });
            assertEquals(12L * 48 * 1024, bytes);
            assertTrue((System.nanoTime() - t0) / 1_000_000 > 800, "it lasted longer than the 800 ms deadline");
        }
    }

    @Test
    void aKeptAliveConnectionThatOrthancClosedIsRetriedOnceForIdempotentCalls() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (RawServer closing = new RawServer((s, n) -> {
            while (true) {
                RawServer.readRequest(s);
                if (requests.incrementAndGet() == 2) {
                    s.close(); // as Orthanc does with a connection idle past its keep-alive: no answer at all
                    return;
                }
                RawServer.answer(s, "{\"Last\":" + requests.get() + "}");
            }
        })) {
            OrthancClient c = client(closing);
            assertEquals(1, c.getJson(Lane.BACKGROUND, "changes?last").path("Last").asInt());
            assertEquals(3, c.getJson(Lane.BACKGROUND, "changes?last").path("Last").asInt(),
                    "the second call met the closed connection and was sent again on a new one");
            // (a new connection on the second call too when the first one idled past the keep-alive limit meanwhile)
            assertTrue(closing.connections.get() >= 2, "the retry went over a new connection");
        }
    }

    @Test
    void healthHasItsOwnConnectionsWhenTheViewersAreAllBusy() throws Exception {
        try (RawServer server = new RawServer((s, n) -> {
            while (true) {
                String head = RawServer.readRequest(s);
                if (head.startsWith("GET /system ")) {
                    RawServer.answer(s, "{\"Version\":\"1.10.1\"}");
                } else {
                    Thread.sleep(60_000);
                }
            }
        })) {
            OrthancClient c = client(server, "OrthancMaxConnections", "1", "OrthancDeadline", "5000");
            Thread busy = new DaemonThreads("busy-viewer").newThread(() -> {
                try (Response r = c.get(Lane.VIEWER, "dicom-web/studies", new MultivaluedHashMap<>())) {
                    r.getStatus();
                } catch (OrthancException e) {
                    // the deadline
                }
            });
            busy.start();
            org.ohifbridge.testing.Await.until("the viewer's only connection is taken", BOUND,
                    () -> server.connections.get() == 1);
            assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(3), c::isUp));
            busy.join(10_000);
        }
    }

    @Test
    void errorMessagesNameTheRouteNeverTheQuery() {
        assertEquals("dicom-web/studies?…", OrthancClient.route("dicom-web/studies?PatientName=DOE%5EJOHN"));
        OrthancException e = assertThrows(OrthancException.class, () -> OrthancClient.checked(
                Response.status(500).build(), "dicom-web/studies?PatientName=DOE%5EJOHN"));
        assertFalse(e.getMessage().contains("DOE"), e.getMessage());
        OrthancException t = OrthancClient.translate(new jakarta.ws.rs.ProcessingException(
                new java.net.SocketTimeoutException("Read timed out")), "tools/find?q=DOE");
        assertFalse(t.getMessage().contains("DOE"), t.getMessage());
    }

    @Test
    void aQueryNoUriMayHoldIsA400NotA500() throws Exception {
        try (RawServer server = new RawServer((s, n) -> RawServer.answer(s, "[]"))) {
            OrthancClient c = client(server);
            OrthancException e = assertThrows(OrthancException.class,
                    () -> c.getJson(Lane.VIEWER, "dicom-web/studies?PatientName=a|b{c}"));
            assertEquals(400, e.status());
            assertEquals(0, server.connections.get(), "nothing reached Orthanc");
        }
    }
}
