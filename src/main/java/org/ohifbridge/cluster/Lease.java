package org.ohifbridge.cluster;

/**
 * This replica's hold on the work lease, as plain state that background threads may read without going through a
 * CDI proxy (which fails once the container shuts down): who we are, and until when the last renewal lets us work.
 */
final class Lease {
    private final String holder;
    /** System.nanoTime() until which this replica may work; in the past when it holds nothing. */
    private volatile long workUntil = System.nanoTime() - 1;
    private volatile boolean held;

    Lease(String holder) {
        this.holder = holder;
    }

    String holder() {
        return holder;
    }

    /** Whether this replica may work now. */
    boolean valid() {
        return held && System.nanoTime() - workUntil < 0;
    }

    boolean held() {
        return held;
    }

    void renewed(long until) {
        workUntil = until;
        held = true;
    }

    /** The lease is gone (lost, released, or a fenced write found it taken): no more work from now on. */
    void end() {
        held = false;
        workUntil = System.nanoTime() - 1;
    }
}
