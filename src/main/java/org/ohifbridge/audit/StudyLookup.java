package org.ohifbridge.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ohifbridge.orthanc.Lane;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * The StudyInstanceUID behind an Orthanc study or instance id, for the audit: from what it learnt (a served study
 * document names its instances), else asked of Orthanc once and remembered (an id never changes its study: it is a
 * hash of the UIDs). After Orthanc failed a lookup, none is tried for 30 s; after {@link #stop()}, none at all. Not
 * thread-safe: the audit's worker thread owns it.
 */
final class StudyLookup {
    private static final int MAX_IDS = 200_000;
    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final OrthancApi orthanc;
    private final Map<String, String> studyOfId = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_IDS;
        }
    };
    private long pausedUntil = System.nanoTime();
    private volatile boolean stopped;

    StudyLookup(OrthancApi orthanc) {
        this.orthanc = orthanc.on(Lane.BACKGROUND);
    }

    /** What the audit learnt: these Orthanc ids belong to the study {@code uid}. */
    void learn(Iterable<String> ids, String uid) {
        ids.forEach(id -> studyOfId.put(id, uid));
    }

    /** @param instance whether {@code id} names an instance (else a study); empty when neither memory nor Orthanc can say */
    Optional<String> uidOf(String id, boolean instance) {
        String known = studyOfId.get(id);
        if (known != null || stopped || System.nanoTime() - pausedUntil < 0) {
            return Optional.ofNullable(known);
        }
        try {
            String uid = instance ? orthanc.studyUidOfInstance(id) : orthanc.studyUid(id);
            if (uid.isEmpty()) {
                return Optional.empty();
            }
            studyOfId.put(id, uid);
            return Optional.of(uid);
        } catch (OrthancNotFoundException e) {
            return Optional.empty(); // unknown id: the event names the Orthanc id instead
        } catch (OrthancException e) {
            pausedUntil = System.nanoTime() + PAUSE_NANOS; // Orthanc away or slow: events name Orthanc ids for a while
            return Optional.empty();
        }
    }

    /** At undeploy: what is still queued is written without asking Orthanc. */
    void stop() {
        stopped = true;
    }
}
