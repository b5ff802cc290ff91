package org.ohifbridge.audit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outermost filter: when a request has ended, hands what the audit follows ({@link AuditRoutes}) and every 401/403
 * to {@link AuditLog}, with the caller: user and roles (as the sign-on filter found them), client address (through
 * trusted proxies), user agent, and a session key. The key is a hash of the session id (the id itself must not reach a
 * log), or of user, address and agent when there is no session (BASIC sign-on, anonymous mode).
 */
public final class AuditFilter extends HttpFilter {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AuditFilter.class.getName());
    private static final int MAX_AGENT = 256;
    private static final int MAX_QUERY = 1024;

    private final AuditLog audit;
    private final Set<String> trustedProxies;
    private final List<String> roleNames;

    private final Filter inner;

    /** @param inner the filter that runs inside this one (sign-on), in one registration so the order is certain */
    public AuditFilter(AuditLog audit, Set<String> trustedProxies, List<String> roleNames, Filter inner) {
        this.audit = audit;
        this.trustedProxies = trustedProxies;
        this.roleNames = roleNames;
        this.inner = inner;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        inner.init(config);
    }

    @Override
    public void destroy() {
        inner.destroy();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean failed = true;
        try {
            inner.doFilter(request, response, chain);
            failed = false;
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Finished(request, response));
            } else {
                // an exception after the answer began (a client that went away) leaves the status as sent
                finished(request, response, failed && !response.isCommitted() ? 500 : response.getStatus());
            }
        }
    }

    /** Never fails the request: an audit problem is logged, the answer stands. */
    private void finished(HttpServletRequest request, HttpServletResponse response, int status) {
        try {
            record(request, status);
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "ohif-bridge: audit event lost for " + request.getRequestURI(), e);
        }
    }

    private void record(HttpServletRequest request, int status) {
        String path = path(request);
        Optional<AuditRoutes.Route> route = AuditRoutes.of(path);
        boolean refused = status == 401 || status == 403;
        if (!refused && (route.isEmpty() || request.getAttribute(AuditAttributes.REACHED) == null)) {
            return; // not followed, or the sign-on's own answer (a redirect to the provider): no access happened
        }
        String query = (String) request.getAttribute(AuditAttributes.QUERY);
        if (query == null && route.isPresent() && route.get().scope() == AuditRoutes.Scope.SEARCH) {
            String q = request.getQueryString(); // a QIDO search: what was searched for, as sent
            query = q == null ? "" : q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
        }
        audit.record(new AuditLog.Request(Instant.now(), System.nanoTime(), caller(request), request.getMethod(), path,
                route.orElse(null), status, Optional.ofNullable(query),
                Optional.ofNullable((Integer) request.getAttribute(AuditAttributes.MATCHES)),
                list(request, AuditAttributes.STUDIES), list(request, AuditAttributes.INSTANCES)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(HttpServletRequest request, String attribute) {
        Object s = request.getAttribute(attribute);
        return s instanceof List<?> l ? (List<String>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private StudyTallies.Caller caller(HttpServletRequest request) {
        String user = (String) request.getAttribute(AuditAttributes.USER);
        List<String> roles;
        if (user != null) {
            Object r = request.getAttribute(AuditAttributes.ROLES);
            roles = r instanceof List<?> l ? (List<String>) l : List.of();
        } else {
            user = request.getRemoteUser(); // the container's sign-on, when the sign-on filter did not run
            roles = new ArrayList<>();
            if (user != null) {
                for (String role : roleNames) {
                    if (request.isUserInRole(role)) {
                        roles.add(role);
                    }
                }
            }
        }
        // every X-Forwarded-For line, in order: a proxy may add a line of its own instead of appending
        java.util.Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
        String forwardedFor = lines == null || !lines.hasMoreElements() ? null : String.join(",", java.util.Collections.list(lines));
        String client = ClientAddress.of(request.getRemoteAddr(), forwardedFor, trustedProxies);
        String agent = request.getHeader("User-Agent");
        agent = agent == null ? "" : agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent;
        HttpSession session = request.getSession(false);
        String who = user == null ? "anonymous" : user;
        String sessionKey = hash(session != null ? "s:" + session.getId() : "c:" + who + '|' + client + '|' + agent);
        return new StudyTallies.Caller(who, List.copyOf(roles), client, agent, sessionKey);
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path inside the WAR, as the container decoded and normalised it. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String info = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (info == null ? "" : info);
        return path.isEmpty() ? "/" : path;
    }

    private final class Finished implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Finished(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finished(request, response, response.getStatus());
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
