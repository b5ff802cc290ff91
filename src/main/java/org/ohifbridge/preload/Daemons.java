package org.ohifbridge.preload;

/** Stops the background threads of preloading and backfill, which their owners make with {@code DaemonThreads}. */
final class Daemons {
    private Daemons() {
    }

    /** Interrupts the thread and waits for it (10 s at most): none may outlive the deployment. */
    static void stop(Thread t) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
