package org.ohifbridge.security;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.access.EmergencyGrants;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.StudyRules;
import org.ohifbridge.config.Settings;
import org.ohifbridge.config.SignOnMode;
import org.ohifbridge.config.SignOnSettings;
import org.ohifbridge.config.WarContext;
import org.ohifbridge.http.RequestPaths;
import org.pac4j.core.exception.TechnicalException;

/**
 * The first filter of every request. In {@code oidc} mode pac4j authenticates first (callback, logout, session,
 * bearer token, or the sign-on redirect / 401); in {@code container} mode the container already has (its constraint
 * on every route but health). Then {@link AccessPolicy} decides, the same way in every mode. Where it needs a user
 * the container was not asked for (admin routes in {@code anonymous} mode), {@code request.authenticate} asks. The
 * caller it sees goes into the request's {@link AuditNote}.
 */
@Dependent
public class SignOnFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(SignOnFilter.class.getName());
    /** Set once pac4j let the request through: later errors are the application's, not the provider's. */
    private static final String PAST_SIGN_ON = SignOnFilter.class.getName() + ".passed";

    private final transient SignOnSettings settings;
    private final transient StudyRules studyRules;
    private final transient EmergencyGrants grants;
    private final transient AccessPolicy policy;
    private final transient OidcSignOn oidc;

    @Inject
    public SignOnFilter(Settings settings, @WarContext ServletContext context, EmergencyGrants grants) {
        this.settings = settings.signOn();
        this.studyRules = settings.studyRules();
        this.grants = grants;
        this.policy = new AccessPolicy(this.settings);
        if (this.settings.mode() == SignOnMode.OIDC) {
            PendingSignOns pending = new PendingSignOns();
            context.addListener(pending);
            this.oidc = new OidcSignOn(this.settings.oidc().orElseThrow(), context.getContextPath(), pending);
        } else {
            this.oidc = null;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = RequestPaths.inWar(request);
        noteCaller(request); // a user the container signed on already
        // before anything else (pac4j included): a state change sent by another site's page, or a logout that
        // another site triggers (a link or redirect), is refused
        if (AccessPolicy.refusesCrossSite(request.getMethod(), path, SameOrigin.isSameOriginRequest(request))) {
            SignOnPages.refuse(request, response, 403, "cross-site request refused", "");
            return;
        }
        if (oidc == null || AccessPolicy.isPublic(path)) {
            access(request, response, chain, path);
            return;
        }
        try {
            if (path.equals(AccessPolicy.CALLBACK)) {
                oidc.callback(request, response, chain);
            } else if (path.equals(AccessPolicy.LOGOUT)) {
                oidc.logout(request, response);
            } else {
                oidc.secure(request, response, (rq, rs) -> {
                    rq.setAttribute(PAST_SIGN_ON, Boolean.TRUE);
                    access((HttpServletRequest) rq, (HttpServletResponse) rs, chain, path);
                });
            }
        } catch (RuntimeException | IOException e) {
            oidcFailed(request, response, path, e);
        }
    }

    /** What went wrong around pac4j: the application's own error goes on; the provider's is a small page. */
    private static void oidcFailed(HttpServletRequest request, HttpServletResponse response, String path, Exception e)
            throws IOException {
        if (request.getAttribute(PAST_SIGN_ON) != null || response.isCommitted()) {
            // the application's own error, or the client went away: pac4j wrapped it, let it go on as it was
            if (e instanceof TechnicalException && e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        if (path.equals(AccessPolicy.CALLBACK) && !unreachable(e)) {
            // a stale or replayed callback, Back after signing on, or the user cancelled at the provider
            LOG.log(Level.FINE, "sign-on callback refused", e);
            SignOnPages.refuse(request, response, 400, "sign-on did not complete", "Open the viewer again to sign on.");
            return;
        }
        // the provider cannot be reached (discovery, keys, token endpoint); pac4j retries later
        LOG.warning("sign-on provider unavailable for " + request.getMethod() + " " + request.getRequestURI()
                + ": " + e.getMessage());
        SignOnPages.refuse(request, response, 503, "sign-on provider unavailable",
                "The sign-on service cannot be reached. Try again in a minute; if it persists, call the help desk.");
    }

    /** Whether an error from pac4j comes from not reaching the provider (I/O anywhere in its causes). */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private void access(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        noteCaller(request);
        switch (decide(request, path)) {
            case ALLOW -> {
                if (path.equals(AccessPolicy.LOGOUT)) {
                    containerLogout(request, response);
                } else {
                    AuditNote.of(request).reached();
                    // the studies this caller may see, from the roles as this filter sees them (pac4j's on its wrapper)
                    StudyScope.of(studyRules, request::isUserInRole, studyRules.configured()
                            ? grants.active(request.getRemoteUser()) : java.util.Set.of()).attach(request);
                    chain.doFilter(request, response);
                }
            }
            case SIGN_ON -> {
                if (oidc != null) {
                    SignOnPages.refuse(request, response, 401, "sign-on required", "");
                } else if (authenticate(request, response)) {
                    access(request, response, chain, path); // now with a user
                }
            }
            case MISSING_ROLE -> SignOnPages.refuse(request, response, 403, "access denied", "You are signed on as "
                    + request.getRemoteUser() + ", but this needs the role " + neededRole(request, path)
                    + ". Ask your administrator for it.");
        }
    }

    /** The role the caller lacks: the viewer role first (in the modes that ask for it), then the route's own. */
    private String neededRole(HttpServletRequest request, String path) {
        if (settings.mode() != org.ohifbridge.config.SignOnMode.ANONYMOUS && !request.isUserInRole(settings.viewerRole())) {
            return settings.viewerRole();
        }
        return AccessPolicy.isAdmin(path) ? settings.adminRole()
                : AccessPolicy.isMetrics(path) ? settings.metricsRole() : settings.viewerRole();
    }

    /** The user as this filter sees it (pac4j's lives on its own wrapper), for the audit filter outside. */
    private void noteCaller(HttpServletRequest request) {
        String user = request.getRemoteUser();
        if (user == null) {
            return;
        }
        List<String> roles = new ArrayList<>(2);
        for (String role : List.of(settings.viewerRole(), settings.adminRole())) {
            if (request.isUserInRole(role)) {
                roles.add(role);
            }
        }
        AuditNote.of(request).caller(user, roles);
    }

    private AccessPolicy.Decision decide(HttpServletRequest request, String path) {
        AccessPolicy.Caller caller = request.getUserPrincipal() == null ? AccessPolicy.Caller.NOBODY
                : new AccessPolicy.Caller(true, request::isUserInRole);
        return policy.decide(path, caller);
    }

    /** The container's challenge (BASIC: 401 with WWW-Authenticate); true when a user is now known. */
    private static boolean authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            return request.authenticate(response) && request.getUserPrincipal() != null;
        } catch (ServletException e) { // e.g. a login mechanism that works only through constraints
            LOG.log(Level.FINE, "container authentication failed", e);
            if (!response.isCommitted()) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"ohif-bridge\"");
                SignOnPages.refuse(request, response, 401, "sign-on required", "");
            }
            return false;
        }
    }

    private static void containerLogout(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SignOnPages.signedOut(response, request.getContextPath());
    }
}
