package org.ohifbridge.security;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ohifbridge.config.OidcSettings;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.http.url.DefaultUrlResolver;
import org.pac4j.http.client.direct.HeaderClient;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * {@code SignOn=oidc}: pac4j's code flow (with PKCE) for browsers, the session on the server (the browser holds only
 * the HttpOnly session cookie; tokens never leave the server), access-token refresh when it expires (pac4j renews
 * an expired profile with the refresh token on the next request), and bearer access tokens for API clients.
 */
final class OidcSignOn {
    private final SecurityFilter security;
    private final CallbackFilter callback;
    private final OidcSettings settings;
    private final ProviderMetadata provider;
    private final PendingSignOns pending;

    OidcSignOn(OidcSettings settings, String contextPath, PendingSignOns pending) {
        this.pending = pending;
        this.settings = settings;
        this.provider = new ProviderMetadata(settings.issuer());
        OidcConfiguration oc = new OidcConfiguration();
        oc.setDiscoveryURI(settings.issuer() + "/.well-known/openid-configuration");
        oc.setClientId(settings.clientId());
        oc.setSecret(settings.clientSecret());
        oc.setScope(settings.scopes());
        // pac4j would take the provider's first advertised method; Keycloak lists private_key_jwt first
        oc.setClientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        oc.setExpireSessionWithToken(true); // expiry -> renewal with the refresh token, not a stale session
        OidcClient browser = new OidcClient(oc);
        browser.setName("oidc");
        browser.addAuthorizationGenerator(new ClaimRoles(settings.rolesClaims()));
        HeaderClient bearer = new HeaderClient("Authorization", "Bearer ", new BearerTokens(settings,
                BearerTokens.discovered(provider)));
        bearer.setName("bearer");
        Clients clients = new Clients(contextPath + AccessPolicy.CALLBACK, browser, bearer);
        clients.setAjaxRequestResolver(new ApiRequests());
        clients.setUrlResolver(new DefaultUrlResolver(true));
        Config config = new Config(clients);
        config.setSessionStoreFactory(ChangingIdSessionStore.FACTORY);
        // authentication only (roles are AccessPolicy's); matchers "none": no pac4j headers, no CSRF cookie, no session
        // for bearer calls
        security = new SecurityFilter(config, "oidc,bearer", "isAuthenticated", "none");
        callback = new CallbackFilter(config, contextPath + "/ohif/");
    }

    /** Authenticates (session, bearer, or redirect/401) and, for a user, goes on through {@code next}. */
    void secure(HttpServletRequest request, HttpServletResponse response, FilterChain next)
            throws IOException, ServletException {
        boolean hadSession = request.getSession(false) != null;
        boolean anonymous = !hadSession && request.getHeader("Authorization") == null;
        if (anonymous && pending.full()) {
            SignOnPages.refuse(request, response, 503, "too many sign-ons in progress; try again in a minute", "");
            return;
        }
        boolean[] passed = {false};
        security.doFilter(request, response, (rq, rs) -> {
            passed[0] = true;
            next.doFilter(rq, rs);
        });
        HttpSession session = request.getSession(false);
        if (!hadSession && !passed[0] && session != null) {
            pending.opened(session); // sent to the provider: a short-lived session until it comes back
        }
    }

    void callback(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        callback.doFilter(request, response, chain);
        HttpSession session = request.getSession(false);
        if (session != null) {
            pending.completed(session, request.getServletContext().getSessionTimeout() * 60);
        }
    }

    /**
     * Ends the WAR's session (where pac4j keeps the profile and tokens), then sends the browser to the provider's
     * end-session endpoint with the client id (not pac4j's id_token_hint: no token in a URL), which returns it to the
     * viewer. Without the provider: the local "signed out" page.
     */
    void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Optional<URI> endSession = provider.get().map(m -> m.getEndSessionEndpointURI());
        if (endSession.isEmpty() || endSession.get() == null) {
            SignOnPages.signedOut(response, request.getContextPath());
            return;
        }
        String back = request.getScheme() + "://" + request.getHeader("Host") + request.getContextPath() + "/ohif/";
        String target = endSession.get() + (endSession.get().getRawQuery() == null ? "?" : "&")
                + "client_id=" + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(target);
    }
}
