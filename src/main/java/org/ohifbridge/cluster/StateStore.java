package org.ohifbridge.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Where a background job keeps its position (preload, backfill): a small JSON object, replaced whole. A file in the
 * data folder for one node ({@link StateFile}), a row in the database shared by every replica ({@link DatabaseState}).
 * Neither stops the job when it cannot write: the position stays in memory and {@link #degraded()} says so.
 */
public interface StateStore {
    /** The content, or empty when there is none yet or it cannot be read as a (small) JSON object. */
    Optional<ObjectNode> read();

    /** Replaces the content. @return whether it was written */
    boolean save(ObjectNode content);

    /** Whether the last save failed. */
    boolean degraded();

    /** Where it is, for logs. */
    String describe();

    /**
     * Whether replicas share it: then it belongs to the whole Orthanc cluster (several Orthancs on one database
     * share one change log), not to the one Orthanc URL this replica was given.
     */
    boolean shared();
}
