package org.ohifbridge.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds the threads that reach it until the test opens it: a way to keep a fake Orthanc call busy (a hung archive, a
 * slow build) exactly as long as a test needs. {@link #entered} tells that one thread is held.
 */
public final class Gate implements AutoCloseable {
    private final CountDownLatch open = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);

    /** A hook for {@link FakeOrthanc#beforeTags}: holds the calls for the ids {@code held} accepts. */
    public Consumer<String> holding(Predicate<String> held) {
        return id -> {
            if (held.test(id)) {
                pass();
            }
        };
    }

    /** Waits (20 s at most) until the gate opens. */
    public void pass() {
        entered.countDown();
        try {
            open.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a thread reached the gate within 10 s. */
    public boolean entered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    public void open() {
        open.countDown();
    }

    @Override
    public void close() {
        open();
    }
}
