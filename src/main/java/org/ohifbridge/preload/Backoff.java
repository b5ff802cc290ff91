package org.ohifbridge.preload;

/** Waiting times after consecutive failures: 1 s, 2 s, 4 s … up to 30 s; back to nothing after a success. */
final class Backoff {
    private static final long MAX_MILLIS = 30_000;
    private int failures;

    long nextDelayMillis() {
        failures++;
        return Math.min(MAX_MILLIS, 1000L << Math.min(failures - 1, 5));
    }

    boolean failing() {
        return failures > 0;
    }

    void reset() {
        failures = 0;
    }
}
