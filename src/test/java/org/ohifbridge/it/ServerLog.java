package org.ohifbridge.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The managed Tomcat's own log files (catalina.home/logs), read back by tests. */
final class ServerLog {
    private ServerLog() {
    }

    static String text() throws IOException {
        Path logs = Path.of(System.getProperty("catalina.home"), "logs");
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                b.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }
}
