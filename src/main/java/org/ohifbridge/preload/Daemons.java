package org.ohifbridge.preload;

/** The background threads of preloading and backfill: daemons, named, and stopped by their owner. */
final class Daemons {
    private Daemons() {
    }

    /** Not started yet: the owner records it first (its loop runs while it is the owner's current thread). */
    static Thread create(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        return t;
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
