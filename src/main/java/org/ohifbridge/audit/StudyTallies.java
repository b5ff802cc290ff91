package org.ohifbridge.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic of each study in each session, so that a reading session gives one "open" event and one summary
 * instead of an event per frame. A study is open from its first request in a session until it has been idle for the
 * idle time; then its summary is due, and a later request opens it again. Not thread-safe: one thread owns it.
 *
 * @param <S> what identifies a study
 */
public final class StudyTallies<S> {
    /** One study in one session. */
    public static final class Tally<S> {
        private final Caller caller;
        private final S study;
        private final Instant first;
        private Instant last;
        private long lastNanos;
        private final Map<String, Integer> requests = new TreeMap<>();
        private int failures;
        private boolean succeeded;

        Tally(Caller caller, S study, Instant now, long nanos) {
            this.caller = caller;
            this.study = study;
            this.first = now;
            this.last = now;
            this.lastNanos = nanos;
        }

        public Caller caller() {
            return caller;
        }

        public S study() {
            return study;
        }

        public Instant first() {
            return first;
        }

        public Instant last() {
            return last;
        }

        /** Requests per kind (e.g. {@code frames}), in name order. */
        public Map<String, Integer> requests() {
            return requests;
        }

        public int failures() {
            return failures;
        }
    }

    /** What one request means for the audit: an "open" event is due (with the status to report), or nothing. */
    public record Touch(boolean open, int status) {
        static final Touch NONE = new Touch(false, 0);
    }

    private record Key(String session, Object study) {
    }

    private final long idleNanos;
    private final int max;
    private final LinkedHashMap<Key, Tally<S>> tallies = new LinkedHashMap<>(64, 0.75f, true);

    /** @param max studies followed at once; past it the least recently used is summarised early */
    public StudyTallies(Duration idle, int max) {
        this.idleNanos = idle.toNanos();
        this.max = max;
    }

    /**
     * Counts one request. An "open" is due on the first request of a study in a session; if that one failed, once
     * more on the first success (so a retry that works is reported as the open it is).
     *
     * @param overflow receives the tally pushed out when too many studies are open
     */
    public Touch touch(Caller caller, S study, String kind, int status, Instant now, long nanos, List<Tally<S>> overflow) {
        Key key = new Key(caller.session(), study);
        Tally<S> t = tallies.get(key);
        boolean ok = status < 400;
        Touch touch = Touch.NONE;
        if (t == null) {
            t = new Tally<>(caller, study, now, nanos);
            tallies.put(key, t);
            touch = new Touch(true, status);
            if (tallies.size() > max) {
                Iterator<Tally<S>> eldest = tallies.values().iterator();
                overflow.add(eldest.next());
                eldest.remove();
            }
        } else if (ok && !t.succeeded) {
            touch = new Touch(true, status);
        }
        t.succeeded |= ok;
        t.requests.merge(kind, 1, Integer::sum);
        if (!ok) {
            t.failures++;
        }
        t.last = now;
        t.lastNanos = nanos;
        return touch;
    }

    /** Removes and returns the studies idle for the idle time or longer. */
    public List<Tally<S>> expire(long nanos) {
        List<Tally<S>> out = new ArrayList<>();
        for (Iterator<Tally<S>> it = tallies.values().iterator(); it.hasNext(); ) {
            Tally<S> t = it.next();
            if (nanos - t.lastNanos >= idleNanos) {
                out.add(t);
                it.remove();
            }
        }
        return out;
    }

    /** Removes and returns every study (at shutdown). */
    public List<Tally<S>> drain() {
        List<Tally<S>> out = new ArrayList<>(tallies.values());
        tallies.clear();
        return out;
    }

    public int size() {
        return tallies.size();
    }
}
