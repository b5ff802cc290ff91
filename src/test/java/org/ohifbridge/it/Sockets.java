package org.ohifbridge.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine's TCP connections, as Linux lists them in /proc/net/tcp and /proc/net/tcp6. */
final class Sockets {
    private static final String ESTABLISHED = "01";

    private Sockets() {
    }

    /** Connections whose far end is {@code port} and that are still open both ways. */
    static long establishedTo(int port) throws IOException {
        String remotePort = String.format(":%04X", port);
        long n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.exists(file)) {
                n += Files.readAllLines(file).stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f.length > 3 && f[2].endsWith(remotePort) && f[3].equals(ESTABLISHED)).count();
            }
        }
        return n;
    }
}
