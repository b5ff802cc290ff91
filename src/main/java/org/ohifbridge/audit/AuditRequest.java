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
 */
public record AuditRequest(Instant time, long nanos, Caller caller, String method, String path, AuditRoutes.Route route,
                           int status, Optional<String> query, Optional<Integer> matches, List<String> studies,
                           List<String> instances) {
}
