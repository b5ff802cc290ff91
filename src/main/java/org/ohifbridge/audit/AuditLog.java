package org.ohifbridge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.Json;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * The audit trail: one JSON line per event on the logger {@value #LOGGER}, for the container's logging to write to a
 * file of its own or to syslog (README, "Audit"). Events: {@code study-open} (the first request for a study's content
 * in a session), {@code study-retrieved} (that study's traffic, summed, once it has been idle for
 * {@code AuditIdleSeconds}), {@code link} (a deep link), {@code search} (a QIDO search or the launcher), {@code denied}
 * (a 401 or 403 from ohif-bridge).
 *
 * <p>Requests are handed over as they end and handled on one thread of its own, so that no request waits for the
 * audit. The DICOM JSON data source names studies and files by Orthanc ids: a served study document tells the study's
 * UID and its instances (DicomJsonResource); only an id met otherwise is looked up in Orthanc, once. Should that
 * thread fall far behind, events are dropped and counted, never queued without bound.
 */
@ApplicationScoped
public class AuditLog {
    public static final String LOGGER = "ohif-bridge.audit";
    public static final String SCHEMA = "ohif-bridge-audit/1";
    private static final Logger AUDIT = Logger.getLogger(LOGGER);
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int MAX_PENDING = 20_000;
    private static final int MAX_IDS = 200_000;

    /** One finished request, as the filter saw it. */
    public record Request(Instant time, long nanos, StudyTallies.Caller caller, String method, String path,
                          AuditRoutes.Route route, int status, Optional<String> query, Optional<Integer> matches,
                          List<String> studies, List<String> instances) {
    }

    @Inject
    OrthancApi orthanc;

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    /** Orthanc study or instance id → StudyInstanceUID (an id never changes its study: it is a hash of the UIDs). */
    private final Map<String, String> studyOfId = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_IDS;
        }
    };
    private volatile ScheduledThreadPoolExecutor worker;
    /** Set at undeploy: what is still queued is written without asking Orthanc, then the summaries. */
    private volatile boolean stopping;
    /** Worker thread only: after Orthanc failed a lookup, none is tried before this (System.nanoTime). */
    private long lookupsPausedUntil = System.nanoTime();
    private StudyTallies tallies;

    public AuditLog() {
    }

    /** For tests: Orthanc given. */
    public AuditLog(OrthancApi orthanc) {
        this.orthanc = orthanc;
    }

    public synchronized void start(Duration idle) {
        if (worker != null) {
            return;
        }
        tallies = new StudyTallies(idle, 50_000);
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ohif-bridge-audit");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        long sweep = Math.max(200, Math.min(idle.toMillis() / 2, 15_000));
        w.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        worker = w;
    }

    /** Called by the filter when a request has ended; returns at once. */
    public void record(Request r) {
        ScheduledThreadPoolExecutor w = worker;
        if (w == null) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.warning("ohif-bridge: the audit is behind; events dropped so far: " + dropped.get());
            }
            return;
        }
        try {
            w.execute(() -> {
                pending.decrementAndGet();
                handle(r);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet(); // shutting down
        }
    }

    /** Summarises every open study, then stops (undeploy). */
    @PreDestroy
    public synchronized void stop() {
        ScheduledThreadPoolExecutor w = worker;
        worker = null;
        if (w == null) {
            return;
        }
        stopping = true;
        w.execute(() -> tallies.drain().forEach(this::summary));
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

    /** On the worker thread. */
    void handle(Request r) {
        try {
            AuditRoutes.Route route = r.route();
            boolean denied = r.status() == 401 || r.status() == 403;
            if (route == null || denied) {
                ObjectNode e = event(r.time(), "denied", r.caller());
                e.put("method", r.method());
                e.put("path", r.path());
                if (route != null && route.studyContent()) {
                    study(e, route);
                }
                e.put("outcome", r.status());
                write(e);
                return;
            }
            switch (route.scope()) {
                case SEARCH, LAUNCHER -> {
                    ObjectNode e = event(r.time(), "search", r.caller());
                    e.put("via", route.kind());
                    r.query().ifPresent(q -> e.put("query", q));
                    r.matches().ifPresent(n -> e.put("matches", n));
                    e.put("outcome", r.status());
                    write(e);
                }
                case LINK -> {
                    ObjectNode e = event(r.time(), "link", r.caller());
                    r.query().ifPresent(q -> e.put("query", q));
                    r.matches().ifPresent(n -> e.put("matches", n));
                    ArrayNode uids = e.putArray("studies");
                    r.studies().forEach(uids::add);
                    e.put("outcome", r.status());
                    write(e);
                }
                default -> content(r, route);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ohif-bridge: audit event lost", e);
        }
    }

    private void content(Request r, AuditRoutes.Route route) {
        String uid = r.studies().isEmpty() ? studyUid(route) : r.studies().get(0);
        String study = uid != null ? uid : route.scope() == AuditRoutes.Scope.ORTHANC_INSTANCE
                ? "orthanc-instance:" + route.key() : "orthanc-study:" + route.key();
        List<StudyTallies.Tally> overflow = new ArrayList<>(1);
        StudyTallies.Touch touch = tallies.touch(r.caller(), study, route.kind(), r.status(), r.time(), r.nanos(), overflow);
        overflow.forEach(this::summary);
        if (touch.open()) {
            ObjectNode e = event(r.time(), "study-open", r.caller());
            putStudy(e, study);
            if (route.scope() == AuditRoutes.Scope.ORTHANC_STUDY) {
                e.put("orthancStudy", route.key());
            }
            e.put("via", route.kind());
            e.put("outcome", touch.status());
            write(e);
        }
        if (route.scope() == AuditRoutes.Scope.ORTHANC_STUDY && uid != null) {
            r.instances().forEach(id -> studyOfId.put(id, uid)); // the files that follow belong to this study
        }
    }

    /** The UID of an Orthanc id, from what the audit learnt or from Orthanc; null when Orthanc cannot say. */
    private String studyUid(AuditRoutes.Route route) {
        if (route.scope() == AuditRoutes.Scope.STUDY_UID) {
            return route.key();
        }
        String known = studyOfId.get(route.key());
        if (known != null || !lookupsAllowed()) {
            return known;
        }
        try {
            String uid = route.scope() == AuditRoutes.Scope.ORTHANC_STUDY ? orthanc.studyUid(route.key())
                    : orthanc.studyUidOfInstance(route.key());
            if (uid.isEmpty()) {
                return null;
            }
            studyOfId.put(route.key(), uid);
            return uid;
        } catch (OrthancNotFoundException e) {
            return null; // unknown id: the event names the Orthanc id instead
        } catch (OrthancException e) {
            pauseLookups(); // Orthanc away or slow: the events name Orthanc ids for a while
            return null;
        }
    }

    private boolean lookupsAllowed() {
        return !stopping && System.nanoTime() - lookupsPausedUntil >= 0;
    }

    private void pauseLookups() {
        lookupsPausedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    }

    private void sweep() {
        try {
            tallies.expire(System.nanoTime()).forEach(this::summary);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ohif-bridge: audit summary lost", e);
        }
    }

    private void summary(StudyTallies.Tally t) {
        ObjectNode e = event(t.last(), "study-retrieved", t.caller());
        putStudy(e, t.study());
        e.put("first", t.first().toString());
        e.put("last", t.last().toString());
        ObjectNode n = e.putObject("requests");
        t.requests().forEach(n::put);
        e.put("failures", t.failures());
        write(e);
    }

    private static void putStudy(ObjectNode e, String study) {
        if (study.startsWith("orthanc-instance:")) {
            e.put("orthancInstance", study.substring("orthanc-instance:".length()));
        } else if (study.startsWith("orthanc-study:")) {
            e.put("orthancStudy", study.substring("orthanc-study:".length()));
        } else {
            e.put("study", study);
        }
    }

    private void study(ObjectNode e, AuditRoutes.Route route) {
        switch (route.scope()) {
            case STUDY_UID -> e.put("study", route.key());
            case ORTHANC_STUDY -> e.put("orthancStudy", route.key());
            default -> e.put("orthancInstance", route.key());
        }
    }

    static ObjectNode event(Instant time, String action, StudyTallies.Caller c) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("schema", SCHEMA);
        e.put("time", time.toString());
        e.put("action", action);
        e.put("user", c.user());
        ArrayNode roles = e.putArray("roles");
        c.roles().forEach(roles::add);
        e.put("client", c.client());
        e.put("userAgent", c.userAgent());
        e.put("session", c.session());
        return e;
    }

    private static void write(ObjectNode e) {
        try {
            AUDIT.info(Json.MAPPER.writeValueAsString(e));
        } catch (JsonProcessingException x) {
            LOG.log(Level.WARNING, "ohif-bridge: audit event not written", x);
        }
    }
}
