package org.ohifbridge.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;
import org.ohifbridge.Json;

/**
 * A small JSON file in the data folder, replaced atomically (written beside, then renamed over), so a crash
 * or a power cut leaves either the old or the new content, never half of it. A folder that is read-only or full
 * does not stop the work: {@link #save} reports it once, the caller keeps its position in memory, {@link #degraded()}
 * says so until a later save succeeds. A malformed file reads as none.
 */
public final class StateFile implements StateStore {
    /** Largest state file read: they hold a few numbers. */
    static final long MAX_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(StateFile.class.getName());

    private final Path file;
    private volatile boolean degraded;

    public StateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Optional<ObjectNode> read() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the content; on failure keeps going degraded (logged once per episode). */
    @Override
    public boolean save(ObjectNode content) {
        try {
            write(content);
            if (degraded) {
                degraded = false;
                LOG.info(() -> "ohif-bridge: " + file + " is written again");
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!degraded) {
                degraded = true;
                LOG.warning(() -> "ohif-bridge: cannot write " + file + " (" + e.getClass().getSimpleName()
                        + "); the position is kept in memory until the data folder is writable again");
            }
            return false;
        }
    }

    @Override
    public boolean degraded() {
        return degraded;
    }

    void write(ObjectNode content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, Json.MAPPER.writeValueAsBytes(content));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
