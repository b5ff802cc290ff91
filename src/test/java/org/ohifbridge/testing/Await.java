package org.ohifbridge.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one polling loop of the tests: asks again until the answer is right or the time is up, then fails with the
 * last answer. For what happens on another thread or in another process (write-behind, the audit's worker, a
 * server's log, Orthanc); never a fixed sleep.
 */
public final class Await {
    private static final long STEP_MILLIS = 50;

    private Await() {
    }

    /** Until {@code condition} holds; fails after {@code max} with {@code what}. */
    public static void until(String what, Duration max, Callable<Boolean> condition) {
        value(what, max, condition, Boolean.TRUE::equals);
    }

    /** The same, asking every {@code step} (a costly question, e.g. one request per instance, is asked less often). */
    public static void until(String what, Duration max, Duration step, Callable<Boolean> condition) {
        value(what, max, step, condition, Boolean.TRUE::equals);
    }

    /**
     * Asks {@code value} until {@code accept} takes its answer, and returns that answer.
     *
     * @throws AssertionError after {@code max}, naming {@code what} and the last answer
     */
    public static <T> T value(String what, Duration max, Callable<T> value, Predicate<? super T> accept) {
        return value(what, max, Duration.ofMillis(STEP_MILLIS), value, accept);
    }

    /** The same, asking every {@code step}. */
    public static <T> T value(String what, Duration max, Duration step, Callable<T> value, Predicate<? super T> accept) {
        long deadline = System.nanoTime() + max.toNanos();
        T last = null;
        Exception failure = null;
        while (true) {
            try {
                last = value.call();
                failure = null;
                if (accept.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e; // not there yet (e.g. a server still starting): ask again
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError("waited " + max.toMillis() + " ms for " + what
                        + (failure == null ? "; last answer: " + last : "; last failure: " + failure));
                if (failure != null) {
                    error.initCause(failure);
                }
                throw error;
            }
            try {
                Thread.sleep(step.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
