package org.ohifbridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A secret given inline ({@code name}) or, better, as a file ({@code fileName}: one line, trailing newline ignored). */
final class SecretSetting {
    private SecretSetting() {
    }

    /** The secret, "" when neither is set; a problem when both are set or the file cannot be read. */
    static String read(SettingSource source, Setting name, Setting fileName, List<String> problems) {
        Optional<String> inline = source.get(name);
        Optional<String> file = source.get(fileName);
        if (inline.isPresent() && file.isPresent()) {
            problems.add("set either " + name + " or " + fileName + ", not both");
            return "";
        }
        if (file.isEmpty()) {
            return inline.orElse("");
        }
        try {
            String secret = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                problems.add(fileName + " is empty: " + file.get());
            }
            return secret;
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            problems.add(fileName + " cannot be read: " + file.get());
            return "";
        }
    }
}
