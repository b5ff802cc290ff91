package org.ohifbridge.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import org.ohifbridge.Json;

/**
 * A background job's position in the shared database ({@code ohifbridge_state}), written only while this replica holds
 * the work lease: the write and the check are one statement, so a replica that lost the lease (paused, partitioned)
 * can never move the position back under the one that took over.
 */
final class DatabaseState implements StateStore {
    private static final Logger LOG = Logger.getLogger(DatabaseState.class.getName());

    private final Database database;
    private final Lease lease;
    private final String name;
    private volatile boolean degraded;

    DatabaseState(Database database, Lease lease, String name) {
        this.database = database;
        this.lease = lease;
        this.name = name;
    }

    @Override
    public Optional<ObjectNode> read() {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT content FROM ohifbridge_state WHERE name = ?")) {
            s.setString(1, name);
            s.setQueryTimeout(5);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String text = r.getString(1);
                if (text == null || text.length() > StateFile.MAX_BYTES) {
                    return Optional.empty();
                }
                JsonNode node = Json.MAPPER.readTree(text);
                return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean save(ObjectNode content) {
        if (!lease.valid()) {
            return false; // not ours to write (any more): the replica holding the lease does
        }
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO ohifbridge_state (name, content, updated)
                     SELECT ?, ?, now() WHERE EXISTS (
                         SELECT 1 FROM ohifbridge_lease WHERE name = ? AND holder = ? AND expires > now())
                     ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated = excluded.updated""")) {
            s.setString(1, name);
            s.setString(2, content.toString());
            s.setString(3, Leadership.WORK);
            s.setString(4, lease.holder());
            s.setQueryTimeout(5);
            boolean written = s.executeUpdate() == 1;
            if (degraded) {
                degraded = false;
                LOG.info(() -> "ohif-bridge: the " + name + " position is written to the database again");
            }
            if (!written) {
                LOG.warning(() -> "ohif-bridge: the " + name + " position was not written: this replica no longer"
                        + " holds the lease");
                lease.end();
            }
            return written;
        } catch (SQLException e) {
            if (!degraded) {
                degraded = true;
                LOG.warning(() -> "ohif-bridge: cannot write the " + name + " position to the database ("
                        + e.getClass().getSimpleName() + "); it is kept in memory meanwhile");
            }
            return false;
        }
    }

    @Override
    public boolean degraded() {
        return degraded;
    }

    @Override
    public String describe() {
        return "the database (ohifbridge_state, " + name + ")";
    }

    @Override
    public boolean shared() {
        return true;
    }
}
