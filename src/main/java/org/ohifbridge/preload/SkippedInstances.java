package org.ohifbridge.preload;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Instances the preload or the backfill gave up on after {@link InstanceCheck#ATTEMPTS} attempts while Orthanc
 * answered (a stored file gone, tags Orthanc cannot read, tag values too large for a record): listed by Orthanc id in
 * {@code preload/status}, each logged once; the next backfill pass tries them again first. Kept in memory, at most
 * {@value #KEPT} ids (the count goes on beyond).
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

    public synchronized void add(String instanceId, String reason) {
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

    public synchronized void remove(String instanceId) {
        byId.remove(instanceId);
    }

    public synchronized List<Skipped> list() {
        List<Skipped> out = new ArrayList<>(byId.size());
        byId.forEach((id, reason) -> out.add(new Skipped(id, reason)));
        return out;
    }

    /** Every skipped instance, those beyond the list included. */
    public synchronized long count() {
        return byId.size() + beyond;
    }

    /** The listed ids, for a retry. */
    public synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
