package org.ohifbridge.security;

import java.util.Set;
import java.util.function.Predicate;
import org.ohifbridge.config.SignOnMode;
import org.ohifbridge.config.SignOnSettings;

/**
 * Who may do what, as data and pure decisions, the same in every sign-on mode (the mode only decides who
 * authenticates). Two questions, asked in this order by {@link SignOnFilter}: first of the request alone, before
 * anyone is signed on ({@link #refusesCrossSite}: a state-changing request, or a logout, sent by another site's page
 * is refused); then of the caller ({@link #decide}): health is public; every other route needs the viewer role (in
 * {@code anonymous} mode: nobody's); admin routes need the admin role as well, {@code metrics} the metrics role.
 */
public final class AccessPolicy {
    /** What the filter does with a request. */
    public enum Decision {
        /** go on (a user with the roles the route needs, or a public route) */
        ALLOW,
        /** no user: 401, or the sign-on page for a browser */
        SIGN_ON,
        /** a user without the role the route needs: 403 */
        MISSING_ROLE
    }

    /** The caller as the container or pac4j sees it. */
    public record Caller(boolean authenticated, Predicate<String> hasRole) {
        public static final Caller NOBODY = new Caller(false, role -> false);
    }

    public static final String HEALTH = "/health";
    /** The orchestrators' probes: {@code health/live} and {@code health/ready}, public like {@code health}. */
    public static final Set<String> HEALTH_PROBES = Set.of(HEALTH, HEALTH + "/live", HEALTH + "/ready");
    public static final String LOGOUT = "/logout";
    public static final String CALLBACK = "/callback";
    public static final String METRICS = "/metrics";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final SignOnSettings settings;

    public AccessPolicy(SignOnSettings settings) {
        this.settings = settings;
    }

    public static boolean isPublic(String path) {
        return HEALTH_PROBES.contains(path);
    }

    public static boolean isAdmin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    /** The Prometheus scrape: counts only, but what an archive is doing is not everyone's business. */
    public static boolean isMetrics(String path) {
        return path.equals(METRICS);
    }

    static boolean changesState(String method) {
        return !SAFE_METHODS.contains(method);
    }

    /**
     * Whether the request must be refused (403) whoever sends it: a POST/PUT/DELETE/PATCH, or a logout (a link on
     * another site must not sign the user out), whose page is another site's.
     *
     * @param method     the HTTP method
     * @param path       the path inside the WAR (request URI without the context path), e.g. {@code /admin/backfill}
     * @param sameOrigin whether the request came from this origin's page, or names none (see {@link SameOrigin})
     */
    public static boolean refusesCrossSite(String method, String path, boolean sameOrigin) {
        return (changesState(method) || path.equals(LOGOUT)) && !sameOrigin;
    }

    /**
     * @param path the path inside the WAR, e.g. {@code /dicom-web/studies}
     */
    public Decision decide(String path, Caller caller) {
        if (isPublic(path) || path.equals(LOGOUT)) {
            return Decision.ALLOW;
        }
        boolean admin = isAdmin(path);
        boolean metrics = isMetrics(path);
        if (settings.mode() == SignOnMode.ANONYMOUS && !admin && !metrics) {
            return Decision.ALLOW;
        }
        if (!caller.authenticated()) {
            return Decision.SIGN_ON;
        }
        if (settings.mode() != SignOnMode.ANONYMOUS && !caller.hasRole().test(settings.viewerRole())) {
            return Decision.MISSING_ROLE;
        }
        if (admin && !caller.hasRole().test(settings.adminRole())
                || metrics && !caller.hasRole().test(settings.metricsRole())) {
            return Decision.MISSING_ROLE;
        }
        return Decision.ALLOW;
    }
}
