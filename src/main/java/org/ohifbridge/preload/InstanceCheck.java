package org.ohifbridge.preload;

import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cache.InstanceRecordStore.Outcome;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;

/**
 * Makes sure one instance has its record, a bounded number of times: a failure while Orthanc itself answers is the
 * instance's (its file removed, tags unreadable), so after {@value #ATTEMPTS} attempts it is skipped and recorded and
 * the work moves on; a failure while Orthanc does not answer is rethrown, for the caller to wait and try the whole page
 * again (nothing is skipped because Orthanc is down).
 */
final class InstanceCheck {
    static final int ATTEMPTS = 3;
    static final long PAUSE_MILLIS = 200;

    private final InstanceRecordStore records;
    private final OrthancApi orthanc;
    private final SkippedInstances skipped;

    InstanceCheck(InstanceRecordStore records, OrthancApi orthanc, SkippedInstances skipped) {
        this.records = records;
        this.orthanc = orthanc;
        this.skipped = skipped;
    }

    /** @return the outcome; an instance given up on is {@link Outcome#UNREADABLE} or {@link Outcome#UNUSABLE} */
    Outcome ensure(String instanceId) throws InterruptedException {
        OrthancException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Outcome o = records.ensure(instanceId);
                switch (o) {
                    case UNUSABLE -> skipped.add(instanceId, "tag values too large for a record");
                    case UNREADABLE -> skipped.add(instanceId, "Orthanc cannot read its tags (stored file missing?)");
                    default -> skipped.remove(instanceId);
                }
                return o;
            } catch (OrthancException e) {
                if (!orthanc.isUp()) {
                    throw e;
                }
                last = e;
                Thread.sleep(PAUSE_MILLIS * attempt);
            }
        }
        skipped.add(instanceId, "Orthanc answered HTTP " + last.status() + " " + ATTEMPTS + " times");
        return Outcome.UNREADABLE;
    }

    /** {@link #ensure} for a worker thread: an interruption (the deployment ends) ends the task. */
    Outcome ensureInWorker(String instanceId) {
        try {
            return ensure(instanceId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("stopped");
        }
    }
}
