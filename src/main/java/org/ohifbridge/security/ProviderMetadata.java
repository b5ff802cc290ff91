package org.ohifbridge.security;

import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.util.Optional;

/**
 * The provider's discovery document, fetched when first needed (so the WAR deploys while the provider is down) with
 * bounded timeouts, and kept. After a failure, callers fail fast for a while instead of waiting on the provider again.
 */
final class ProviderMetadata {
    private static final int CONNECT_MILLIS = 2_000;
    private static final int READ_MILLIS = 5_000;
    private static final long RETRY_NANOS = 30_000_000_000L;

    private final String issuer;
    private volatile OIDCProviderMetadata metadata;
    private volatile long failedAt;
    private volatile boolean failed;

    ProviderMetadata(String issuer) {
        this.issuer = issuer;
    }

    /** The metadata, or empty when the provider cannot be reached (now, or less than 30 s ago). */
    Optional<OIDCProviderMetadata> get() {
        OIDCProviderMetadata m = metadata;
        if (m != null) {
            return Optional.of(m);
        }
        if (failed && System.nanoTime() - failedAt < RETRY_NANOS) {
            return Optional.empty();
        }
        synchronized (this) {
            if (metadata == null) {
                try {
                    metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), CONNECT_MILLIS, READ_MILLIS);
                    failed = false;
                } catch (Exception e) {
                    failedAt = System.nanoTime();
                    failed = true;
                    return Optional.empty();
                }
            }
            return Optional.of(metadata);
        }
    }
}
