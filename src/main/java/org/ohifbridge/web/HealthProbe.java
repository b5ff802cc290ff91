package org.ohifbridge.web;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What {@code health} and {@code health/ready} report of Orthanc (and of the sign-on provider in {@code oidc} mode),
 * probed at most once per {@value #FRESH_MILLIS} ms whatever the request rate: one request probes while the others
 * take the last result, so a flood of health checks while Orthanc hangs costs one blocked thread, not hundreds. The
 * Orthanc probe runs on its own connections with a 2-second timeout ({@code Lane.HEALTH}).
 */
final class HealthProbe {
    static final long FRESH_MILLIS = 1500;

    /** One probe's result. */
    record Result(boolean orthanc, Optional<Boolean> signOn, long atNanos) {
        boolean up() {
            return orthanc && signOn.orElse(true);
        }
    }

    private final BooleanSupplier orthanc;
    private final Optional<BooleanSupplier> signOn;
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Result last;

    /** @param signOn the provider's probe in {@code oidc} mode, else empty */
    HealthProbe(BooleanSupplier orthanc, Optional<BooleanSupplier> signOn) {
        this.orthanc = orthanc;
        this.signOn = signOn;
    }

    Result current() {
        Result r = last;
        if (r != null && System.nanoTime() - r.atNanos() < FRESH_MILLIS * 1_000_000) {
            return r;
        }
        if (r != null && !probing.tryLock()) {
            return r; // another request is probing right now
        }
        if (r == null) {
            probing.lock();
        }
        try {
            Result again = last;
            if (again != null && again != r && System.nanoTime() - again.atNanos() < FRESH_MILLIS * 1_000_000) {
                return again;
            }
            Result fresh = new Result(orthanc.getAsBoolean(), signOn.map(BooleanSupplier::getAsBoolean),
                    System.nanoTime());
            last = fresh;
            return fresh;
        } finally {
            probing.unlock();
        }
    }
}
