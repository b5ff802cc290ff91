package org.ohifbridge.orthanc;

/**
 * Who a call to Orthanc is for. Each lane has connections of its own (a bulkhead): a viewer with hundreds of frame
 * requests in flight cannot take the connections of a study document being built, of the preload, or of the health
 * probe, and the other way round.
 */
public enum Lane {
    /** The browser's requests that stream through: DICOMweb, files, the launcher ({@code OrthancMaxConnections}). */
    VIEWER,
    /** Cold builds of study documents ({@code StudyThreads} per build, {@code StudyBuilds} builds). */
    DOCUMENTS,
    /** The preload, the backfill, the write-behind of records, the audit's lookups. */
    BACKGROUND,
    /** {@code health}: one short call at a time, short timeouts. */
    HEALTH
}
