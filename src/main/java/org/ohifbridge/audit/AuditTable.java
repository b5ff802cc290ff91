package org.ohifbridge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.cluster.Database;
import org.ohifbridge.cluster.Leadership;

/**
 * The audit trail in the shared database ({@code ohifbridge_audit}), so that a cluster has one: every event the JSON
 * log gets is also queued here ({@link #add}, never blocking the audit) and written in batches once a second by a
 * thread of its own. A database that is slow or down costs rows, never log lines: past {@value #QUEUE} waiting rows
 * the newest are dropped and counted, and after a failed batch the table is left alone for
 * {@value #PAUSE_SECONDS} s. Without a database it does nothing.
 */
@ApplicationScoped
public class AuditTable {
    static final int QUEUE = 20_000;
    static final int BATCH = 500;
    static final int PAUSE_SECONDS = 30;
    /** Longest event text kept in a row (denied paths are cut already; this bounds the rest). */
    static final int MAX_EVENT_CHARS = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(AuditTable.class.getName());

    /** One event as stored. */
    public record Row(Instant time, String action, String user, String studyUid, String orthancStudy, String client,
                      String replica, String event) {
    }

    /** A search of the trail: every part optional; at most {@code limit} rows, newest first. */
    public record Query(Optional<String> studyUid, Optional<String> user, Optional<Instant> from,
                        Optional<Instant> to, int limit) {
    }

    private final Database database;
    private final boolean enabled;
    private final String replica;
    /** Set at undeploy: rows that come later reach only the log. */
    private volatile boolean closed;
    private final BlockingQueue<Row> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile long pausedUntil;
    private volatile ScheduledThreadPoolExecutor writer;

    /** For CDI's client proxy only. */
    protected AuditTable() {
        this.database = null;
        this.enabled = false;
        this.replica = null;
    }

    @Inject
    public AuditTable(Database database, Leadership leadership) {
        this.database = database;
        this.enabled = database.configured();
        this.replica = leadership.holder();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Queues the event (called on the audit's own thread); starts the writer at the first one. */
    public void add(ObjectNode e) {
        if (!enabled || closed) {
            return;
        }
        startWriter();
        String text = e.toString();
        Row row = new Row(instant(e.path("time").asText()), e.path("action").asText(), text(e, "user"),
                text(e, AuditedStudy.Kind.UID.field()), text(e, AuditedStudy.Kind.ORTHANC_STUDY.field()),
                text(e, "client"), replica,
                text.length() > MAX_EVENT_CHARS ? text.substring(0, MAX_EVENT_CHARS) : text);
        if (!queue.offer(row) && dropped.getAndIncrement() % 10_000 == 0) {
            LOG.warning("ohif-bridge: the audit table is behind; rows dropped so far (the log has them): "
                    + dropped.get());
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    /** Rows matching the query, newest first, at most {@code limit + 1} (the caller tells the user there is more). */
    public List<Row> find(Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT time, action, username, study_uid, orthanc_study, client, replica,"
                + " event FROM ohifbridge_audit WHERE true");
        List<Object> args = new ArrayList<>();
        q.studyUid().ifPresent(v -> {
            sql.append(" AND study_uid = ?");
            args.add(v);
        });
        q.user().ifPresent(v -> {
            sql.append(" AND username = ?");
            args.add(v);
        });
        q.from().ifPresent(v -> {
            sql.append(" AND time >= ?");
            args.add(Timestamp.from(v));
        });
        q.to().ifPresent(v -> {
            sql.append(" AND time < ?");
            args.add(Timestamp.from(v));
        });
        sql.append(" ORDER BY time DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            s.setQueryTimeout(10);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
                }
            }
            return rows;
        }
    }

    /** Writes what is queued now (the writer's tick). */
    void flush() {
        if (queue.isEmpty() || System.nanoTime() - pausedUntil < 0) {
            return;
        }
        try (Connection c = database.connection()) {
            write(c);
        } catch (SQLException | RuntimeException e) {
            failed(e, 0);
        }
    }

    /** Writes the queue on one connection, a batch at a time. */
    private void write(Connection c) {
        List<Row> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO ohifbridge_audit (time, action, username, study_uid, orthanc_study, client, replica,"
                            + " event) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : batch) {
                    s.setTimestamp(1, Timestamp.from(r.time()));
                    s.setString(2, r.action());
                    s.setString(3, r.user());
                    s.setString(4, r.studyUid());
                    s.setString(5, r.orthancStudy());
                    s.setString(6, r.client());
                    s.setString(7, r.replica());
                    s.setString(8, r.event());
                    s.addBatch();
                }
                s.setQueryTimeout(10);
                s.executeBatch();
                written.addAndGet(batch.size());
            } catch (SQLException | RuntimeException e) {
                failed(e, batch.size());
                return;
            }
            batch.clear();
        }
    }

    private void failed(Exception e, int rows) {
        dropped.addAndGet(rows);
        pausedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(PAUSE_SECONDS);
        LOG.warning(() -> "ohif-bridge: audit rows not written to the database (" + e.getClass().getSimpleName()
                + "); " + rows + " dropped (the log has them), trying again in " + PAUSE_SECONDS + " s");
    }

    private synchronized void startWriter() {
        if (writer == null) {
            ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ohif-bridge-audit-db"));
            w.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
            writer = w;
            // whichever bean the container destroys first, the last rows are written while the database works
            database.beforeClose(c -> {
                closed = true;
                stopWriter();
                write(c);
            });
        }
    }

    /** The deployment ends: the writer stops, what is queued is written (on the database's last connection). */
    @PreDestroy
    public void stop() {
        closed = true;
        stopWriter();
    }

    private synchronized void stopWriter() {
        ScheduledThreadPoolExecutor w = writer;
        writer = null;
        if (w == null) {
            return;
        }
        w.shutdown();
        try {
            if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
                w.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            w.shutdownNow();
        }
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }
}
