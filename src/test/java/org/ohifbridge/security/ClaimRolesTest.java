package org.ohifbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimRolesTest {
    private final JWTClaimsSet keycloak = new JWTClaimsSet.Builder()
            .claim("realm_access", Map.of("roles", List.of("ohif-viewer", "offline_access")))
            .claim("resource_access", Map.of("ohif-bridge", Map.of("roles", List.of("ohif-admin"))))
            .claim("groups", List.of("radiology", 7))
            .claim("role", "single")
            .build();

    @Test
    void dotPathsReachNestedLists() {
        assertEquals(Set.of("ohif-viewer", "offline_access"), ClaimRoles.of(keycloak, List.of("realm_access.roles")));
        assertEquals(Set.of("ohif-admin"), ClaimRoles.of(keycloak, List.of("resource_access.ohif-bridge.roles")));
    }

    @Test
    void severalPathsAddUpAndNonStringsAreSkipped() {
        assertEquals(Set.of("ohif-viewer", "offline_access", "radiology", "single"),
                ClaimRoles.of(keycloak, List.of("realm_access.roles", "groups", "role")));
    }

    @Test
    void missingOrWrongShapedClaimsGiveNoRoles() {
        assertEquals(Set.of(), ClaimRoles.of(keycloak, List.of("realm_access.nothing", "nothing", "role.sub",
                "groups.roles")));
    }
}
