package org.ohifbridge.preload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.ohifbridge.cluster.Database;
import org.ohifbridge.cluster.SkippedTable;

/**
 * Instances the preload or the backfill gave up on after {@link InstanceCheck#ATTEMPTS} attempts while Orthanc
 * answered (a stored file gone, tags Orthanc cannot read, tag values too large for a record): listed by Orthanc id in
 * {@code preload/status}, each logged once; the next backfill pass tries them again first. Kept in memory, at most
 * {@value #KEPT} ids (the count goes on beyond); with a database also in {@code ohifbridge_skipped}, which is then
 * what the status and the retry read (the replica that takes the work over knows them), memory serving while the
 * database does not answer.
 */
@ApplicationScoped
public class SkippedInstances {
    static final int KEPT = 1000;
    private static final Logger LOG = Logger.getLogger(SkippedInstances.class.getName());

    /** One skipped instance: its Orthanc id and why (an HTTP status or a cause, never patient data). */
    public record Skipped(String instance, String reason) {
    }

    private final Map<String, String> byId = new LinkedHashMap<>();
    private long beyond;
    private final SkippedTable table;

    /** In memory only (one node, tests). */
    public SkippedInstances() {
        this.table = null;
    }

    @Inject
    public SkippedInstances(Database database) {
        this.table = database.configured() ? new SkippedTable(database) : null;
    }

    public void add(String instanceId, String reason) {
        shared(t -> t.put(instanceId, reason));
        remember(instanceId, reason);
    }

    private synchronized void remember(String instanceId, String reason) {
        if (byId.containsKey(instanceId)) {
            byId.put(instanceId, reason);
            return;
        }
        if (byId.size() >= KEPT) {
            beyond++;
            return;
        }
        byId.put(instanceId, reason);
        LOG.warning(() -> "ohif-bridge: instance " + instanceId + " skipped by the preload (" + reason
                + "); listed in preload/status, tried again by the next backfill");
    }

    public void remove(String instanceId) {
        synchronized (this) {
            if (byId.remove(instanceId) == null && table == null) {
                return;
            }
        }
        shared(t -> t.remove(instanceId));
    }

    public List<Skipped> list() {
        Map<String, String> listed = listed();
        List<Skipped> out = new ArrayList<>(listed.size());
        listed.forEach((id, reason) -> out.add(new Skipped(id, reason)));
        return out;
    }

    /** Every skipped instance, those beyond the list included. */
    public long count() {
        if (table != null) {
            try {
                return table.count();
            } catch (SQLException | RuntimeException e) {
                // memory answers meanwhile
            }
        }
        synchronized (this) {
            return byId.size() + beyond;
        }
    }

    /** The listed ids, for a retry. */
    public List<String> ids() {
        return List.copyOf(listed().keySet());
    }

    private Map<String, String> listed() {
        if (table != null) {
            try {
                return table.list(KEPT);
            } catch (SQLException | RuntimeException e) {
                // memory answers meanwhile
            }
        }
        synchronized (this) {
            return new LinkedHashMap<>(byId);
        }
    }

    private interface TableWork {
        void run(SkippedTable t) throws SQLException;
    }

    private void shared(TableWork work) {
        if (table != null) {
            try {
                work.run(table);
            } catch (SQLException | RuntimeException e) {
                LOG.fine(() -> "ohif-bridge: skipped instances not shared (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
