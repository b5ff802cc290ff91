package org.ohifbridge.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.function.BooleanSupplier;

/**
 * Whether the OpenID provider answers its discovery document ({@code <issuer>/.well-known/openid-configuration}) within
 * two seconds: {@code health/ready} in {@code oidc} mode, since nobody can sign on without it. A plain
 * {@link HttpURLConnection}: no client threads to stop at undeploy.
 */
public final class ProviderProbe implements BooleanSupplier {
    private static final int TIMEOUT_MILLIS = 2_000;
    private final URI discovery;

    public ProviderProbe(String issuer) {
        this.discovery = URI.create((issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration");
    }

    @Override
    public boolean getAsBoolean() {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) discovery.toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MILLIS);
            c.setReadTimeout(TIMEOUT_MILLIS);
            c.setInstanceFollowRedirects(false);
            if (c.getResponseCode() != 200) {
                return false;
            }
            try (InputStream in = c.getInputStream()) {
                in.readNBytes(64 * 1024);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }
}
