package org.ohifbridge.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions that {@code SignOn=oidc} opened for a sign-on that has not come back yet. pac4j keeps the sign-on's state,
 * nonce, PKCE verifier and the page asked for in a session, so every cookie-less anonymous page request makes one:
 * such sessions live {@value #SECONDS} s instead of the container's default, at most {@value #MAX} exist at once
 * (beyond, a new sign-on gets 503 until some end), and a completed sign-on gets the container's default lifetime back.
 * Kept by session id, following the id when the container changes it (the session is renewed at the callback against
 * fixation, see {@link ChangingIdSessionStore}).
 */
final class PendingSignOns implements HttpSessionListener, HttpSessionIdListener {
    static final int MAX = 10_000;
    static final int SECONDS = 300;
    static final String MARK = PendingSignOns.class.getName();

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final int max;

    PendingSignOns() {
        this(MAX);
    }

    PendingSignOns(int max) {
        this.max = max;
    }

    /** Whether no new sign-on may start now. */
    boolean full() {
        return pending.size() >= max;
    }

    /** A session was just opened for a sign-on that went to the provider. */
    void opened(HttpSession session) {
        session.setAttribute(MARK, Boolean.TRUE);
        session.setMaxInactiveInterval(SECONDS);
        pending.add(session.getId());
    }

    /** The sign-on came back: the session now holds a user, and lives as the container says. */
    void completed(HttpSession session, int defaultSeconds) {
        if (session.getAttribute(MARK) != null) {
            session.removeAttribute(MARK);
            session.setMaxInactiveInterval(defaultSeconds);
        }
        pending.remove(session.getId());
    }

    int size() {
        return pending.size();
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldId) {
        if (pending.remove(oldId)) {
            pending.add(event.getSession().getId());
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        pending.remove(event.getSession().getId());
    }
}
