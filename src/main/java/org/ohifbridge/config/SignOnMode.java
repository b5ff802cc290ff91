package org.ohifbridge.config;

import java.util.Arrays;
import java.util.Optional;

/** Who signs users on (setting {@code SignOn}); see the README's "Sign-on" section. */
public enum SignOnMode {
    /** The application server authenticates: BASIC with its realm, or WildFly's elytron OIDC. The default. */
    CONTAINER("container"),
    /** OpenID Connect inside the WAR (pac4j): code flow for browsers, bearer access tokens for API clients. */
    OIDC("oidc"),
    /** No sign-on for viewing (admin routes still need the admin role): only by explicit choice, warned at start. */
    ANONYMOUS("anonymous");

    private final String value;

    SignOnMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<SignOnMode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.value.equals(text)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(m -> '"' + m.value + '"').toList());
    }
}
