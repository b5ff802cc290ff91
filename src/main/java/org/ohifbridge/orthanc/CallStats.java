package org.ohifbridge.orthanc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the calls of one lane cost, counted as they end (until the answer's headers): how many by outcome, and their
 * time in all. Read by the metrics ({@code {ctx}/metrics}); no route or id is kept.
 */
public final class CallStats {
    /** How a call ended. */
    public enum Outcome { OK, NOT_FOUND, REJECTED, TIMEOUT, UNAVAILABLE }

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final LongAdder nanos = new LongAdder();

    CallStats() {
        for (Outcome o : Outcome.values()) {
            counts.put(o, new LongAdder());
        }
    }

    void record(Outcome outcome, long elapsedNanos) {
        counts.get(outcome).increment();
        nanos.add(elapsedNanos);
    }

    public long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    public long calls() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public double totalSeconds() {
        return nanos.sum() / 1e9;
    }

    static Outcome of(OrthancException e) {
        if (e instanceof OrthancNotFoundException) {
            return Outcome.NOT_FOUND;
        }
        if (e instanceof OrthancRejectedException) {
            return Outcome.REJECTED;
        }
        return e instanceof OrthancTimeoutException ? Outcome.TIMEOUT : Outcome.UNAVAILABLE;
    }
}
