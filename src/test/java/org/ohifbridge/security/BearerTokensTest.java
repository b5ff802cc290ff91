package org.ohifbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.OidcSettings;

/** The bearer-token checks, with a key made here in place of the provider's JWKS. */
class BearerTokensTest {
    private static final String ISSUER = "https://sso.example/realms/h";
    private static final RSAKey KEY = key("k1");
    private static final RSAKey OTHER = key("k1");
    private final BearerTokens tokens = new BearerTokens(new OidcSettings(ISSUER, "ohif-bridge", "secret",
            "openid", List.of("realm_access.roles")), () -> new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())));

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Keycloak-like access token, changed by {@code edit}, signed with {@code key}. */
    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> edit) throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("u-1").claim("typ", "Bearer")
                .claim("azp", "ohif-bridge").claim("preferred_username", "vera")
                .claim("realm_access", Map.of("roles", List.of("ohif-viewer")))
                .issueTime(new Date(now - 1000)).expirationTime(new Date(now + 60_000));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), edit.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aValidAccessTokenGivesItsClaims() throws Exception {
        JWTClaimsSet c = tokens.verify(token(KEY, b -> b)).orElseThrow();
        assertEquals("vera", c.getStringClaim("preferred_username"));
        assertTrue(tokens.verify(token(KEY, b -> b.claim("azp", null).audience(List.of("account", "ohif-bridge")))).isPresent(),
                "aud naming the client is enough");
        long now = System.currentTimeMillis();
        assertTrue(tokens.verify(token(KEY, b -> b.expirationTime(new Date(now - 5_000)))).isPresent(),
                "within the tolerated clock skew");
    }

    @Test
    void theProfileIsNamedByTheUserNameNotTheSubject() throws Exception {
        org.pac4j.core.credentials.TokenCredentials credentials = new org.pac4j.core.credentials.TokenCredentials(token(KEY, b -> b));
        org.pac4j.core.profile.UserProfile p = tokens.validate(null, credentials).orElseThrow().getUserProfile();
        assertEquals("vera", p.getUsername(), "what getRemoteUser and the audit show");
        assertEquals("u-1", p.getId());
        assertTrue(p.getRoles().contains("ohif-viewer"), p.getRoles().toString());
    }

    @Test
    void everythingElseIsRefused() throws Exception {
        long now = System.currentTimeMillis();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("another key", token(OTHER, b -> b));
        refused.put("expired", token(KEY, b -> b.expirationTime(new Date(now - (BearerTokens.CLOCK_SKEW_SECONDS + 5) * 1000L))));
        refused.put("another issuer", token(KEY, b -> b.issuer("https://evil.example/realms/h")));
        refused.put("another client", token(KEY, b -> b.claim("azp", "other-app")));
        refused.put("an ID token", token(KEY, b -> b.claim("typ", "ID").audience("ohif-bridge")));
        refused.put("a refresh token", token(KEY, b -> b.claim("typ", "Refresh")));
        refused.put("an ID token without typ (Entra, Okta...)", token(KEY, b -> b.claim("typ", null).claim("azp", null)
                        .audience("ohif-bridge").claim("nonce", "n-1")));
        refused.put("a token that does not say it is an access token", token(KEY, b -> b.claim("typ", null)));
        refused.put("no subject", token(KEY, b -> b.subject(null)));
        refused.put("unsigned", new PlainJWT(new JWTClaimsSet.Builder().issuer(ISSUER).subject("u-1").claim("azp", "ohif-bridge")
                        .issueTime(new Date()).expirationTime(new Date(now + 60_000)).build()).serialize());
        refused.put("garbage", "not.a.token");
        refused.forEach((why, jwt) -> assertTrue(tokens.verify(jwt).isEmpty(), why));
    }
}
