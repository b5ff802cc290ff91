package org.ohifbridge;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory of the WAR: daemon threads named {@code <name>-<n>}, so that a thread dump shows whose
 * they are. Every pool that uses it is owned by an application-scoped bean that shuts it down when the deployment
 * ends (their {@code @PreDestroy}).
 */
public final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    public DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread t = new Thread(work, name + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
