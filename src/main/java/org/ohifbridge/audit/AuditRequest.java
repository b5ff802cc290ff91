package org.ohifbridge.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One finished request, as {@link AuditFilter} saw it.
 *
 * @param nanos     {@link System#nanoTime()} at the end, for idle times
 * @param route     what the audit follows ({@link AuditRoutes}), null for a refused request outside them
 * @param studies   StudyInstanceUIDs the request concerned (from its {@link AuditNote})
 * @param instances Orthanc ids of a served study document's instances
 * @param access    how the access rules decided on the request's study ({@link AuditNote#access}), when they did
 */
public record AuditRequest(Instant time, long nanos, Caller caller, String method, String path, AuditRoutes.Route route,
                           int status, Optional<String> query, Optional<Integer> matches, List<String> studies,
                           List<String> instances, Optional<String> access) {
    /** About what it holds in memory, in bytes (its strings; a study document's instance ids dominate). */
    public long weight() {
        long w = 256 + path.length() + query.map(String::length).orElse(0) + access.map(String::length).orElse(0);
        for (String s : studies) {
            w += 48 + s.length();
        }
        return w + instances.size() * 96L;
    }
}
