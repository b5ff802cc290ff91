package org.ohifbridge.preload;

/** At most {@code perSecond} permits a second, evenly spaced; callers wait for their turn. */
final class RateLimiter {
    private final long intervalNanos;
    private long next;

    RateLimiter(int perSecond) {
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.next = System.nanoTime();
    }

    void acquire() throws InterruptedException {
        long now = System.nanoTime();
        if (next > now) {
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next = Math.max(next, now) + intervalNanos;
    }
}
