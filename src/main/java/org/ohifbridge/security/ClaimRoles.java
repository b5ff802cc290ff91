package org.ohifbridge.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pac4j.core.authorization.generator.AuthorizationGenerator;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.oidc.profile.OidcProfile;

/**
 * Roles from the access token's claims, named by dot paths ({@code realm_access.roles}, {@code groups},
 * {@code resource_access.ohif-bridge.roles}). Keycloak puts realm roles only into the access token, not the ID
 * token, so the code-flow profile gets them here; bearer tokens use {@link #of} directly.
 */
final class ClaimRoles implements AuthorizationGenerator {
    private final List<String> paths;

    ClaimRoles(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public Optional<UserProfile> generate(CallContext ctx, UserProfile profile) {
        if (profile instanceof OidcProfile oidc && oidc.getAccessToken() != null) {
            try {
                profile.addRoles(of(JWTParser.parse(oidc.getAccessToken().getValue()).getJWTClaimsSet(), paths));
            } catch (ParseException e) {
                // an opaque access token carries no claims: the user gets no roles (403), never an error page
            }
        }
        return Optional.of(profile);
    }

    /** Every string found at one of the paths (a string claim, or a list of strings). */
    static Set<String> of(JWTClaimsSet claims, List<String> paths) {
        Set<String> roles = new LinkedHashSet<>();
        for (String path : paths) {
            String[] parts = path.split("\\.");
            Object node = claims.getClaim(parts[0]);
            for (int i = 1; i < parts.length && node != null; i++) {
                node = node instanceof Map<?, ?> map ? map.get(parts[i]) : null;
            }
            if (node instanceof String s) {
                roles.add(s);
            } else if (node instanceof Collection<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
            }
        }
        return roles;
    }
}
