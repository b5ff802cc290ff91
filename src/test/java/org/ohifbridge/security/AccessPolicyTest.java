package org.ohifbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.SignOnMode;
import org.ohifbridge.config.SignOnSettings;
import org.ohifbridge.security.AccessPolicy.Caller;
import org.ohifbridge.security.AccessPolicy.Decision;

class AccessPolicyTest {
    private static final Caller NO_ROLE = new Caller(true, r -> false);
    private static final Caller VIEWER = new Caller(true, Set.of("ohif-viewer")::contains);
    private static final Caller ADMIN = new Caller(true, Set.of("ohif-viewer", "ohif-admin")::contains);
    private static final Caller ADMIN_ONLY = new Caller(true, Set.of("ohif-admin")::contains);

    private static AccessPolicy policy(SignOnMode mode) {
        return new AccessPolicy(new SignOnSettings(mode, "ohif-viewer", "ohif-admin", "ohif-metrics",
                Optional.empty()));
    }

    @Test
    void securedModesNeedTheViewerRoleEverywhereButHealth() {
        for (SignOnMode mode : new SignOnMode[] {SignOnMode.CONTAINER, SignOnMode.OIDC}) {
            AccessPolicy p = policy(mode);
            for (String path : new String[] {"/", "/ohif/", "/ohif/app-config.js", "/dicom-web/studies",
                    "/instances/abc/file", "/studies/abc/ohif-dicom-json", "/preload/status", "/nope"}) {
                assertEquals(Decision.SIGN_ON, p.decide(path, Caller.NOBODY), path);
                assertEquals(Decision.MISSING_ROLE, p.decide(path, NO_ROLE), path);
                assertEquals(Decision.MISSING_ROLE, p.decide(path, ADMIN_ONLY), path);
                assertEquals(Decision.ALLOW, p.decide(path, VIEWER), path);
                assertEquals(Decision.ALLOW, p.decide(path, ADMIN), path);
            }
            assertEquals(Decision.ALLOW, p.decide("/health", Caller.NOBODY));
        }
    }

    @Test
    void adminRoutesNeedBothRoles() {
        AccessPolicy p = policy(SignOnMode.CONTAINER);
        assertEquals(Decision.SIGN_ON, p.decide("/admin/backfill", Caller.NOBODY));
        assertEquals(Decision.MISSING_ROLE, p.decide("/admin/backfill", VIEWER));
        assertEquals(Decision.MISSING_ROLE, p.decide("/admin/backfill", ADMIN_ONLY));
        assertEquals(Decision.ALLOW, p.decide("/admin/backfill", ADMIN));
        assertEquals(Decision.ALLOW, p.decide("/administration", VIEWER), "not an admin route");
    }

    @Test
    void metricsNeedTheMetricsRoleInEveryModeAndTheViewerRoleWhereViewingNeedsIt() {
        Caller scraper = new Caller(true, Set.of("ohif-metrics")::contains);
        Caller viewerScraper = new Caller(true, Set.of("ohif-viewer", "ohif-metrics")::contains);
        AccessPolicy container = policy(SignOnMode.CONTAINER);
        assertEquals(Decision.SIGN_ON, container.decide("/metrics", Caller.NOBODY));
        assertEquals(Decision.MISSING_ROLE, container.decide("/metrics", ADMIN));
        assertEquals(Decision.MISSING_ROLE, container.decide("/metrics", scraper));
        assertEquals(Decision.ALLOW, container.decide("/metrics", viewerScraper));
        AccessPolicy open = policy(SignOnMode.ANONYMOUS);
        assertEquals(Decision.SIGN_ON, open.decide("/metrics", Caller.NOBODY), "anonymous viewing, not metrics");
        assertEquals(Decision.MISSING_ROLE, open.decide("/metrics", VIEWER));
        assertEquals(Decision.ALLOW, open.decide("/metrics", scraper));
    }

    @Test
    void crossSiteStateChangesAreRefusedBeforeAnythingElse() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            assertTrue(AccessPolicy.refusesCrossSite(method, "/admin/backfill", false), method);
            assertTrue(AccessPolicy.refusesCrossSite(method, "/logout", false), method);
            assertTrue(AccessPolicy.refusesCrossSite(method, "/dicom-web/studies", false), method);
            assertFalse(AccessPolicy.refusesCrossSite(method, "/admin/backfill", true), "from this origin: " + method);
        }
        assertFalse(AccessPolicy.refusesCrossSite("GET", "/dicom-web/studies", false), "a cross-site link may read");
        assertTrue(AccessPolicy.refusesCrossSite("GET", "/logout", false), "but not sign the user out");
        assertFalse(AccessPolicy.refusesCrossSite("GET", "/logout", true));
    }

    @Test
    void anonymousModeOpensViewingButNotAdmin() {
        AccessPolicy p = policy(SignOnMode.ANONYMOUS);
        assertEquals(Decision.ALLOW, p.decide("/dicom-web/studies", Caller.NOBODY));
        assertEquals(Decision.ALLOW, p.decide("/ohif/", NO_ROLE));
        assertEquals(Decision.SIGN_ON, p.decide("/admin/backfill", Caller.NOBODY));
        assertEquals(Decision.MISSING_ROLE, p.decide("/admin/backfill", VIEWER));
        assertEquals(Decision.ALLOW, p.decide("/admin/backfill", ADMIN_ONLY));
    }

    @Test
    void logoutIsAlwaysReachable() {
        assertEquals(Decision.ALLOW, policy(SignOnMode.CONTAINER).decide("/logout", Caller.NOBODY));
        assertEquals(Decision.ALLOW, policy(SignOnMode.CONTAINER).decide("/logout", NO_ROLE));
    }
}
