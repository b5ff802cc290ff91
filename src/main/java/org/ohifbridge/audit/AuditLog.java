package org.ohifbridge.audit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.config.Settings;
import org.ohifbridge.orthanc.OrthancApi;

/**
 * The audit trail's queue: requests are handed over as they end ({@link #record}) and handled on one thread of its own
 * ({@link AuditTrail}), so that no request waits for the audit; a sweep writes the summaries of idle studies. Should
 * that thread fall far behind, events are dropped and counted, never queued without bound. At undeploy every open study
 * is summarised.
 */
@ApplicationScoped
public class AuditLog {
    /** The logger the events go to (README, "Audit trail"). */
    public static final String LOGGER = AuditEvents.LOGGER;
    public static final String SCHEMA = AuditEvents.SCHEMA;
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int MAX_PENDING = 20_000;
    /** What the queued requests may hold in all: a study document's request carries every instance id. */
    static final long MAX_PENDING_BYTES = 32L << 20;
    /** Studies followed at once; past it the least recently used is summarised early. */
    private static final int MAX_OPEN_STUDIES = 50_000;

    private final StudyLookup lookup;
    private final AuditTrail trail;
    private final long sweepMillis;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile ScheduledThreadPoolExecutor worker;

    /** For CDI's client proxy only. */
    protected AuditLog() {
        this.lookup = null;
        this.trail = null;
        this.sweepMillis = 0;
    }

    /** Events in the log only (one node, or tests). */
    public AuditLog(OrthancApi orthanc, Settings settings) {
        this(orthanc, settings, null);
    }

    /** @param table where events go as well when a database is configured (null: the log only) */
    @Inject
    public AuditLog(OrthancApi orthanc, Settings settings, AuditTable table) {
        this.lookup = new StudyLookup(orthanc);
        this.trail = new AuditTrail(lookup, new StudyTallies<>(settings.auditIdle(), MAX_OPEN_STUDIES),
                table == null ? new AuditEvents() : new AuditEvents(table::add));
        this.sweepMillis = Math.max(200, Math.min(settings.auditIdle().toMillis() / 2, 15_000));
    }

    /** The deployment starts: the worker thread and its sweep. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ohif-bridge-audit"));
        w.setRemoveOnCancelPolicy(true);
        w.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        worker = w;
    }

    /** Events waiting to be written (for the metrics). */
    public long queued() {
        return pending.get();
    }

    /** Events dropped because the queue was full (for the metrics). */
    public long dropped() {
        return dropped.get();
    }

    /** Called by the filter when a request has ended; returns at once. */
    public void record(AuditRequest r) {
        ScheduledThreadPoolExecutor w = worker;
        if (w == null) {
            return;
        }
        long weight = r.weight();
        if (pending.incrementAndGet() > MAX_PENDING || pendingBytes.addAndGet(weight) > MAX_PENDING_BYTES) {
            pending.decrementAndGet();
            pendingBytes.addAndGet(-weight);
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.warning("ohif-bridge: the audit is behind; events dropped so far: " + dropped.get());
            }
            return;
        }
        try {
            w.execute(() -> {
                pending.decrementAndGet();
                pendingBytes.addAndGet(-weight);
                trail.handle(r);
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet(); // shutting down
            pendingBytes.addAndGet(-weight);
        }
    }

    /** Summarises every open study, then stops (undeploy): what is still queued is written without asking Orthanc. */
    @PreDestroy
    public synchronized void stop() {
        ScheduledThreadPoolExecutor w = worker;
        worker = null;
        if (w == null) {
            return;
        }
        lookup.stop();
        w.execute(trail::drain);
        w.shutdown();
        try {
            if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
                w.shutdownNow();
            }
        } catch (InterruptedException e) {
            w.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void sweep() {
        try {
            trail.expire(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ohif-bridge: audit summary lost", e);
        }
    }
}
