package org.ohifbridge.orthanc;

import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
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
 *
 * <p>A body that streams through to the browser (a multi-gigabyte whole-slide file may rightly take minutes) has no
 * total deadline; it has a pace instead ({@link Call#watch}): at least {@link #MIN_PROGRESS} bytes per deadline
 * window, or the request is cancelled the same way. A browser that stops reading stalls the copy as well, and ends it
 * the same way.
 */
final class Deadlines implements AutoCloseable {
    /** Least progress of a streamed body per deadline window: about 2 KiB/s over the default 30 s. */
    static final long MIN_PROGRESS = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(Deadlines.class.getName());
    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();
    private final ScheduledThreadPoolExecutor scheduler;

    Deadlines() {
        scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ohif-bridge-deadline"));
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** A call of this thread that must end within {@code limit}; close it when its answer was read (or given up). */
    Call start(Duration limit, String route) {
        Call call = new Call(limit, route);
        call.timer = scheduler.schedule(call::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
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
        scheduler.shutdownNow();
    }

    /**
     * Runs when an answer's headers have arrived, on the calling thread: a body the caller streams (see
     * {@link Call#streams}) is watched for its pace from here on.
     */
    static ClientResponseFilter bodyWatch() {
        return (request, response) -> {
            Call call = CURRENT.get();
            if (call != null && call.streams && response.hasEntity()) {
                response.setEntityStream(call.watch(response.getEntityStream()));
            }
        };
    }

    final class Call implements AutoCloseable {
        private final Duration limit;
        private final String route;
        private volatile Cancellable request;
        private volatile boolean expired;
        private volatile ScheduledFuture<?> timer;
        /** Whether the caller streams the body through (then the body is watched, not the whole call timed). */
        boolean streams;
        private volatile Watched body;

        private Call(Duration limit, String route) {
            this.limit = limit;
            this.route = route;
        }

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

        /** Whether the body is watched now: then it, not the caller, ends the call (at its close). */
        boolean watching() {
            return body != null;
        }

        private InputStream watch(InputStream in) {
            Watched w = new Watched(in, this);
            body = w;
            timer.cancel(false); // the headers came in time; from now on, the pace counts
            long window = limit.toMillis();
            timer = scheduler.scheduleAtFixedRate(() -> {
                if (!w.ended && w.takeProgress() < MIN_PROGRESS) {
                    LOG.info(() -> "ohif-bridge: Orthanc's answer on " + route + " brought less than "
                            + MIN_PROGRESS / 1024 + " KiB in " + window + " ms (OrthancDeadline); transfer aborted");
                    expire();
                }
            }, window, window, TimeUnit.MILLISECONDS);
            return w;
        }

        @Override
        public void close() {
            CURRENT.remove();
            timer.cancel(false);
        }

        /** The watched body was closed (on whatever thread): its pace no longer counts. */
        private void bodyClosed() {
            timer.cancel(false);
        }
    }

    /** A streamed body that counts what it brings, for the pace check; closing it ends its call. */
    private static final class Watched extends FilterInputStream {
        private final Call call;
        private final AtomicLong progress = new AtomicLong();
        private volatile boolean ended;

        Watched(InputStream in, Call call) {
            super(in);
            this.call = call;
        }

        long takeProgress() {
            return progress.getAndSet(0);
        }

        private int counted(int n) {
            if (n < 0) {
                ended = true;
            } else {
                progress.addAndGet(n);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(in.read(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in.skip(n);
            progress.addAndGet(k);
            return k;
        }

        @Override
        public void close() throws IOException {
            ended = true;
            try {
                in.close();
            } finally {
                call.bodyClosed();
            }
        }
    }
}
