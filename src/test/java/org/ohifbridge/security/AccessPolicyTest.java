package org.ohifbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        return new AccessPolicy(new SignOnSettings(mode, "ohif-viewer", "ohif-admin", Optional.empty()));
    }

    @Test
    void securedModesNeedTheViewerRoleEverywhereButHealth() {
        for (SignOnMode mode : new SignOnMode[] {SignOnMode.CONTAINER, SignOnMode.OIDC}) {
            AccessPolicy p = policy(mode);
            for (String path : new String[] {"/", "/ohif/", "/ohif/app-config.js", "/dicom-web/studies",
                    "/instances/abc/file", "/studies/abc/ohif-dicom-json", "/preload/status", "/nope"}) {
                assertEquals(Decision.SIGN_ON, p.decide("GET", path, true, Caller.NOBODY), path);
                assertEquals(Decision.MISSING_ROLE, p.decide("GET", path, true, NO_ROLE), path);
                assertEquals(Decision.MISSING_ROLE, p.decide("GET", path, true, ADMIN_ONLY), path);
                assertEquals(Decision.ALLOW, p.decide("GET", path, true, VIEWER), path);
                assertEquals(Decision.ALLOW, p.decide("GET", path, true, ADMIN), path);
            }
            assertEquals(Decision.ALLOW, p.decide("GET", "/health", true, Caller.NOBODY));
        }
    }

    @Test
    void adminRoutesNeedBothRoles() {
        AccessPolicy p = policy(SignOnMode.CONTAINER);
        assertEquals(Decision.SIGN_ON, p.decide("POST", "/admin/backfill", true, Caller.NOBODY));
        assertEquals(Decision.MISSING_ROLE, p.decide("POST", "/admin/backfill", true, VIEWER));
        assertEquals(Decision.MISSING_ROLE, p.decide("POST", "/admin/backfill", true, ADMIN_ONLY));
        assertEquals(Decision.ALLOW, p.decide("POST", "/admin/backfill", true, ADMIN));
        assertEquals(Decision.ALLOW, p.decide("GET", "/administration", true, VIEWER), "not an admin route");
    }

    @Test
    void crossSiteStateChangesAreRefusedBeforeAnythingElse() {
        AccessPolicy p = policy(SignOnMode.OIDC);
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            assertEquals(Decision.CROSS_SITE, p.decide(method, "/admin/backfill", false, ADMIN), method);
            assertEquals(Decision.CROSS_SITE, p.decide(method, "/logout", false, VIEWER), method);
        }
        assertEquals(Decision.ALLOW, p.decide("GET", "/dicom-web/studies", false, VIEWER), "a cross-site link may read");
        assertEquals(Decision.CROSS_SITE, p.decide("GET", "/logout", false, VIEWER), "but not sign the user out");
        assertEquals(Decision.CROSS_SITE, policy(SignOnMode.ANONYMOUS).decide("POST", "/dicom-web/studies", false, Caller.NOBODY));
    }

    @Test
    void anonymousModeOpensViewingButNotAdmin() {
        AccessPolicy p = policy(SignOnMode.ANONYMOUS);
        assertEquals(Decision.ALLOW, p.decide("GET", "/dicom-web/studies", true, Caller.NOBODY));
        assertEquals(Decision.ALLOW, p.decide("GET", "/ohif/", true, NO_ROLE));
        assertEquals(Decision.SIGN_ON, p.decide("POST", "/admin/backfill", true, Caller.NOBODY));
        assertEquals(Decision.MISSING_ROLE, p.decide("POST", "/admin/backfill", true, VIEWER));
        assertEquals(Decision.ALLOW, p.decide("POST", "/admin/backfill", true, ADMIN_ONLY));
    }

    @Test
    void logoutIsAlwaysReachable() {
        assertEquals(Decision.ALLOW, policy(SignOnMode.CONTAINER).decide("GET", "/logout", true, Caller.NOBODY));
        assertEquals(Decision.ALLOW, policy(SignOnMode.CONTAINER).decide("POST", "/logout", true, NO_ROLE));
    }
}
