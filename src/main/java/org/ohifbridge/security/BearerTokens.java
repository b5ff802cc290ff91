package org.ohifbridge.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.ohifbridge.config.OidcSettings;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.credentials.Credentials;
import org.pac4j.core.credentials.TokenCredentials;
import org.pac4j.core.credentials.authenticator.Authenticator;
import org.pac4j.core.profile.CommonProfile;

/**
 * {@code Authorization: Bearer <access token>} for portals and RIS: a JWT signed with one of the provider's keys
 * (JWKS from discovery, fetched when first needed so the WAR deploys while the provider is down; re-fetched for an
 * unknown key id), from this issuer, not expired, issued to this client ({@code azp} or {@code aud}), and marked as
 * an access token (an ID or refresh token is refused). Anything else leaves the request unauthenticated: 401.
 */
final class BearerTokens implements Authenticator {
    private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** Tolerated clock difference between the provider and this server. */
    static final int CLOCK_SKEW_SECONDS = 10;

    private final OidcSettings settings;
    private final KeySource keys;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /** Where the provider's keys come from, asked when the first token arrives. */
    @FunctionalInterface
    interface KeySource {
        JWKSource<SecurityContext> keys() throws Exception;
    }

    /** The keys of the provider's JWKS, found in its discovery document; re-fetched for an unknown key id. */
    static KeySource discovered(ProviderMetadata provider) {
        return () -> JWKSourceBuilder.create(provider.get().orElseThrow(() -> new IllegalStateException(
                "provider unreachable")).getJWKSetURI().toURL()).retrying(true).build();
    }

    BearerTokens(OidcSettings settings, KeySource keys) {
        this.settings = settings;
        this.keys = keys;
    }

    @Override
    public Optional<Credentials> validate(CallContext ctx, Credentials credentials) {
        if (!(credentials instanceof TokenCredentials token)) {
            return Optional.empty();
        }
        Optional<JWTClaimsSet> claims = verify(token.getToken());
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet c = claims.get();
        CommonProfile profile = new CommonProfile();
        profile.setId(c.getSubject());
        Object name = c.getClaim("preferred_username");
        String username = name instanceof String s ? s : c.getSubject();
        profile.addAttribute("preferred_username", username);
        // the principal's name (getRemoteUser, the audit's "user"), as for a browser session: the user name, not sub
        profile.addAttribute(org.pac4j.core.util.Pac4jConstants.USERNAME, username);
        profile.addRoles(ClaimRoles.of(c, settings.rolesClaims()));
        credentials.setUserProfile(profile);
        return Optional.of(credentials);
    }

    /** The token's claims when every check passes. */
    Optional<JWTClaimsSet> verify(String jwt) {
        try {
            JWTClaimsSet claims = processor().process(jwt, null);
            // an access token must say so (claim typ "Bearer" as Keycloak writes it, or header typ at+jwt, RFC 9068):
            // an ID token of the same client (aud = client, no typ at many providers) is not a bearer credential
            Object typ = claims.getClaim("typ");
            boolean accessToken = typ != null ? "Bearer".equalsIgnoreCase(typ.toString()) : "at+jwt".equalsIgnoreCase(
                    String.valueOf(com.nimbusds.jwt.SignedJWT.parse(jwt).getHeader().getType()));
            if (!accessToken || claims.getClaim("nonce") != null) {
                return Optional.empty();
            }
            String azp = claims.getStringClaim("azp");
            List<String> aud = claims.getAudience();
            if (!settings.clientId().equals(azp) && (aud == null || !aud.contains(settings.clientId()))) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (Exception e) { // parse, signature, claims or JWKS errors: never a stack trace, just no user
            LOG.fine(() -> "bearer token refused: " + e.getMessage());
            return Optional.empty();
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws Exception {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p == null) {
            synchronized (this) {
                if (processor == null) {
                    DefaultJWTProcessor<SecurityContext> created = new DefaultJWTProcessor<>();
                    created.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys.keys()));
                    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp", "iat"));
                    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS); // Nimbus would accept an expired token for 60 s
                    created.setJWTClaimsSetVerifier(claims);
                    processor = created;
                }
                p = processor;
            }
        }
        return p;
    }
}
