package org.ohifbridge.preload;

/** When a long pass writes its progress to the log: at every tenth of the way, and at least every so many seconds. */
final class ProgressLog {
    private final long everyNanos;
    private long lastNanos = System.nanoTime();
    private long lastTenth;

    /** @param done and @param total where the pass starts (a resumed one is part of the way) */
    ProgressLog(long done, long total, long everySeconds) {
        this.lastTenth = total == 0 ? 0 : 10 * done / total;
        this.everyNanos = everySeconds * 1_000_000_000L;
    }

    /** Whether to log now, {@code done} of {@code total} being through. */
    boolean due(long done, long total) {
        long tenths = total == 0 ? 0 : 10 * done / total;
        if (tenths > lastTenth || System.nanoTime() - lastNanos >= everyNanos) {
            lastTenth = tenths;
            lastNanos = System.nanoTime();
            return true;
        }
        return false;
    }
}
