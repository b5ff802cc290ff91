package org.ohifbridge.metrics;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the deployment's HTTP sessions as the container creates and ends them. */
public final class ActiveSessions implements HttpSessionListener {
    private final AtomicInteger active = new AtomicInteger();

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        active.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        active.decrementAndGet();
    }

    int active() {
        return Math.max(0, active.get());
    }
}
