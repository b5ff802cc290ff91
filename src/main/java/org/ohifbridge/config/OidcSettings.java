package org.ohifbridge.config;

import java.util.List;

/**
 * OpenID Connect inside the WAR ({@code SignOn=oidc}).
 *
 * @param issuer       the provider's issuer URL, without trailing slash (discovery is {@code issuer/.well-known/...})
 * @param clientId     this WAR's client at the provider
 * @param clientSecret its secret (never logged, never sent to the browser)
 * @param scopes       requested scopes, space separated
 * @param rolesClaims  dot paths of the access-token claims that carry roles, e.g. {@code realm_access.roles}
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, String scopes, List<String> rolesClaims) {
    public String describe() {
        return Setting.OIDC_ISSUER + "=" + issuer + ", " + Setting.OIDC_CLIENT_ID + "=" + clientId + ", "
                + Setting.OIDC_CLIENT_SECRET + "=****, " + Setting.OIDC_SCOPES + "=" + scopes + ", "
                + Setting.OIDC_ROLES_CLAIM + "=" + String.join(",", rolesClaims);
    }

    /** As {@link #describe()}: a record's generated text would show the secret. */
    @Override
    public String toString() {
        return describe();
    }
}
