package org.ohifbridge.orthanc;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.ohifbridge.DaemonThreads;

/**
 * A total deadline per Orthanc call, where per-read timeouts are not enough (an Orthanc that sends one byte every
 * 50 seconds never trips a 60-second read timeout). The call registers itself for its thread ({@link #start}); the
 * client's exec interceptor ({@link #interceptor}) attaches httpclient5's request to it; when the deadline passes
 * first, the request is cancelled, which closes its connection at once, so the blocked thread gets an exception and
 * the caller answers 504. One timer thread for the whole client.
 */
final class Deadlines implements AutoCloseable {
    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();
    private final ScheduledThreadPoolExecutor timer;

    Deadlines() {
        timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ohif-bridge-deadline"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A call of this thread that must end within {@code limit}; close it when its answer was read (or given up). */
    Call start(Duration limit) {
        Call call = new Call();
        call.timer = timer.schedule(call::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
        CURRENT.set(call);
        return call;
    }

    /** Runs first in httpclient5's chain, on the calling thread: ties the request to the thread's current call. */
    static ExecChainHandler interceptor() {
        return (request, scope, chain) -> {
            Call call = CURRENT.get();
            if (call != null && scope.originalRequest instanceof CancellableDependency cancellable) {
                call.attach(cancellable);
            }
            return chain.proceed(request, scope);
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    static final class Call implements AutoCloseable {
        private volatile Cancellable request;
        private volatile boolean expired;
        private ScheduledFuture<?> timer;

        /** Whether the deadline passed before the call ended. */
        boolean expired() {
            return expired;
        }

        /** The request was sent (its headers are read): the thread may start another call. */
        void sent() {
            CURRENT.remove();
        }

        private void attach(Cancellable r) {
            request = r;
            if (expired) {
                r.cancel();
            }
        }

        private void expire() {
            expired = true;
            Cancellable r = request;
            if (r != null) {
                r.cancel();
            }
        }

        @Override
        public void close() {
            CURRENT.remove();
            timer.cancel(false);
        }
    }
}
