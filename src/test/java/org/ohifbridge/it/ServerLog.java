package org.ohifbridge.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server's own log files, read back by tests: every file in the folder the pom names for the server under
 * test ({@code server.logs}: Tomcat's logs/, WildFly's standalone/log/).
 */
final class ServerLog {
    private ServerLog() {
    }

    static String text() throws IOException {
        Path logs = Path.of(System.getProperty("server.logs"));
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                b.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** How long each log file is now: {@link #since} then reads only what was written after. */
    static Map<Path, Long> mark() throws IOException {
        Map<Path, Long> sizes = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("server.logs")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sizes.put(f, Files.size(f));
            }
        }
        return sizes;
    }

    /** What every log file got since {@code mark} (new files whole). */
    static String since(Map<Path, Long> mark) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("server.logs")))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] all = Files.readAllBytes(f);
                int from = (int) Math.min(all.length, mark.getOrDefault(f, 0L));
                b.append(new String(all, from, all.length - from, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** In how many log files {@code text} was written since {@code mark}. */
    static long filesWith(String text, Map<Path, Long> mark) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("server.logs")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] all = Files.readAllBytes(f);
                int from = (int) Math.min(all.length, mark.getOrDefault(f, 0L));
                if (new String(all, from, all.length - from, StandardCharsets.UTF_8).contains(text)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Which server the run is on (the pom's {@code it.server}): tomcat, tomcat11 or wildfly. */
    static boolean wildfly() {
        return "wildfly".equals(System.getProperty("it.server"));
    }
}
