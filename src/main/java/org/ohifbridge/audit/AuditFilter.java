package org.ohifbridge.audit;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.RequestPaths;

/**
 * The outermost filter: attaches an {@link AuditNote} to the request and, when the request has ended, hands what the
 * audit follows ({@link AuditRoutes}) and every 401/403 to {@link AuditLog}, with the caller: user and roles (as the
 * sign-on filter noted them), client address (through trusted proxies), user agent, and a session key. The key is a
 * hash of the session id (the id itself must not reach a log), or of user, address and agent when there is no session
 * (BASIC sign-on, anonymous mode).
 */
@Dependent
public class AuditFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
    private static final int MAX_AGENT = 256;
    private static final int MAX_QUERY = 1024;

    private final transient AuditLog audit;
    private final Set<String> trustedProxies;

    @Inject
    public AuditFilter(AuditLog audit, Settings settings) {
        this.audit = audit;
        this.trustedProxies = settings.trustedProxies();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AuditNote note = AuditNote.of(request);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Finished(request, response, note));
            } else {
                // an exception after the answer began (a client that went away) leaves the status as sent
                finished(request, note, failed && !response.isCommitted() ? 500 : response.getStatus());
            }
        }
    }

    /** Never fails the request: an audit problem is logged, the answer stands. */
    private void finished(HttpServletRequest request, AuditNote note, int status) {
        try {
            record(request, note, status);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ohif-bridge: audit event lost for " + request.getRequestURI(), e);
        }
    }

    private void record(HttpServletRequest request, AuditNote note, int status) {
        String path = RequestPaths.inWar(request);
        Optional<AuditRoutes.Route> route = AuditRoutes.of(path);
        boolean refused = status == 401 || status == 403 || note.hidden();
        if (!refused && (route.isEmpty() || !note.wasReached())) {
            return; // not followed, or the sign-on's own answer (a redirect to the provider): no access happened
        }
        Optional<String> query = note.query();
        if (query.isEmpty() && route.isPresent() && route.get().scope() == AuditRoutes.Scope.SEARCH) {
            String q = request.getQueryString(); // a QIDO search: what was searched for, as sent
            query = Optional.of(q == null ? "" : q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q);
        }
        audit.record(new AuditRequest(Instant.now(), System.nanoTime(), caller(request, note), request.getMethod(), path,
                route.orElse(null), status, query, note.matches(), note.studies(), note.instances(), note.access()));
    }

    private Caller caller(HttpServletRequest request, AuditNote note) {
        // every X-Forwarded-For line, in order: a proxy may add a line of its own instead of appending
        Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
        String forwardedFor = lines == null || !lines.hasMoreElements() ? null : String.join(",", Collections.list(lines));
        String client = ClientAddress.of(request.getRemoteAddr(), forwardedFor, trustedProxies);
        String agent = request.getHeader("User-Agent");
        agent = agent == null ? "" : agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent;
        HttpSession session = request.getSession(false);
        String who = note.user().orElse("anonymous");
        String sessionKey = hash(session != null ? "s:" + session.getId() : "c:" + who + '|' + client + '|' + agent);
        return new Caller(who, note.roles(), client, agent, sessionKey);
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Finished implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AuditNote note;

        Finished(HttpServletRequest request, HttpServletResponse response, AuditNote note) {
            this.request = request;
            this.response = response;
            this.note = note;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finished(request, note, response.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
