package org.ohifbridge.cache;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code builds} cold study builds at once, at most {@code queue} requests waiting for one: a burst of cold
 * opens (or a hostile client) queues a few and turns the rest away with 503 and Retry-After, instead of building them
 * all at once and running the heap out.
 */
final class BuildGate {
    /** No build slot now, nor soon: the client may come back. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("too many study documents are being built", null, false, false);
        }
    }

    private final Semaphore slots;
    private final int queue;
    private final AtomicInteger waiting = new AtomicInteger();

    BuildGate(int builds, int queue) {
        this.slots = new Semaphore(builds, true);
        this.queue = queue;
    }

    /**
     * Takes a slot, waiting at most {@code wait}; release it with {@link #leave}.
     *
     * @throws Busy when {@code queue} requests wait already, or no slot came free in time
     */
    void enter(Duration wait) {
        if (slots.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw new Busy();
        }
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            waiting.decrementAndGet();
        }
    }

    void leave() {
        slots.release();
    }

    int waiting() {
        return waiting.get();
    }
}
