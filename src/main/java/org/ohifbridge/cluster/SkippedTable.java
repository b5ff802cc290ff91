package org.ohifbridge.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The skipped instances in the shared database ({@code ohifbridge_skipped}): Orthanc ids and reasons only. */
public final class SkippedTable {
    private final Database database;

    public SkippedTable(Database database) {
        this.database = database;
    }

    public void put(String instance, String reason) throws SQLException {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO ohifbridge_skipped (instance, reason) VALUES (?, ?)"
                        + " ON CONFLICT (instance) DO UPDATE SET reason = excluded.reason")) {
            s.setString(1, instance);
            s.setString(2, reason);
            s.setQueryTimeout(5);
            s.executeUpdate();
        }
    }

    public void remove(String instance) throws SQLException {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM ohifbridge_skipped WHERE instance = ?")) {
            s.setString(1, instance);
            s.setQueryTimeout(5);
            s.executeUpdate();
        }
    }

    /** The oldest {@code limit}, id to reason. */
    public Map<String, String> list(int limit) throws SQLException {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT instance, reason FROM ohifbridge_skipped ORDER BY since, instance LIMIT ?")) {
            s.setInt(1, limit);
            s.setQueryTimeout(5);
            Map<String, String> out = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
            return out;
        }
    }

    public long count() throws SQLException {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ohifbridge_skipped")) {
            s.setQueryTimeout(5);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
