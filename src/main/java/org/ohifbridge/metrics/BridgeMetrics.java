package org.ohifbridge.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.ohifbridge.audit.AuditLog;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cache.StudyDocuments;
import org.ohifbridge.cluster.Leadership;
import org.ohifbridge.orthanc.CallStats;
import org.ohifbridge.orthanc.Lane;
import org.ohifbridge.orthanc.OrthancClient;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;
import org.ohifbridge.preload.SkippedInstances;

/**
 * The deployment's metrics, in one Micrometer registry of its own (never the global one: it would outlive the
 * deployment), scraped at {@code {ctx}/metrics} in Prometheus' text format. Most meters read counts the beans keep
 * anyway, when scraped; only requests are timed as they happen ({@link RequestMetricsFilter}). Labels are route
 * families, lanes, outcomes and statuses: no id, UID, name or query ever.
 */
@ApplicationScoped
public class BridgeMetrics {
    private final PrometheusMeterRegistry registry;
    private final ActiveSessions sessions = new ActiveSessions();

    /** For CDI's client proxy only. */
    protected BridgeMetrics() {
        this.registry = null;
    }

    @Inject
    public BridgeMetrics(OrthancClient orthanc, StudyDocuments documents, InstanceRecordStore records,
                         PreloadService preload, BackfillService backfill, SkippedInstances skipped,
                         Leadership leadership, AuditLog audit) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeterRegistry r = registry;
        for (Lane lane : Lane.values()) {
            String name = lane.name().toLowerCase(java.util.Locale.ROOT);
            CallStats stats = orthanc.stats(lane);
            FunctionTimer.builder("ohifbridge.orthanc.calls", stats, CallStats::calls, CallStats::totalSeconds,
                    TimeUnit.SECONDS).description("Orthanc calls until their answer's headers, by lane")
                    .tag("lane", name).register(r);
            for (CallStats.Outcome outcome : CallStats.Outcome.values()) {
                FunctionCounter.builder("ohifbridge.orthanc.outcomes", stats, s -> s.count(outcome))
                        .description("Orthanc calls by lane and outcome").tag("lane", name)
                        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(r);
            }
            gauge(r, "ohifbridge.orthanc.connections", "Orthanc connections of a lane by state", orthanc,
                    o -> o.poolUse(lane).leased(), "lane", name, "state", "leased");
            gauge(r, "ohifbridge.orthanc.connections", "Orthanc connections of a lane by state", orthanc,
                    o -> o.poolUse(lane).available(), "lane", name, "state", "available");
            gauge(r, "ohifbridge.orthanc.connections", "Orthanc connections of a lane by state", orthanc,
                    o -> o.poolUse(lane).pending(), "lane", name, "state", "waiting");
            gauge(r, "ohifbridge.orthanc.connections.max", "Most Orthanc connections of a lane", orthanc,
                    o -> o.poolUse(lane).max(), "lane", name);
        }
        for (StudyDocuments.Source source : StudyDocuments.Source.values()) {
            FunctionCounter.builder("ohifbridge.study.opens", documents, d -> d.opened(source))
                    .description("Study documents answered, by where they came from (memory and stored: warm;"
                            + " built: cold; shared: waited for another request's build)")
                    .tag("source", source.name().toLowerCase(java.util.Locale.ROOT)).register(r);
        }
        gauge(r, "ohifbridge.study.documents.memory", "Study documents held in memory", documents,
                StudyDocuments::documentsInMemory);
        FunctionCounter.builder("ohifbridge.records.computed", records, InstanceRecordStore::computedCount)
                .description("Instance records (metadata 4202) computed and stored").register(r);
        FunctionCounter.builder("ohifbridge.records.replaced", records, InstanceRecordStore::replacedCount)
                .description("Corrupt or outdated instance records replaced").register(r);
        gauge(r, "ohifbridge.preload.behind", "Changes of Orthanc's log the preload has still to read", preload,
                p -> p.status().behind());
        FunctionCounter.builder("ohifbridge.preload.instances", preload, p -> p.status().newInstancesSeen())
                .description("New instances the preload handled").register(r);
        gauge(r, "ohifbridge.backfill.done", "Instances the backfill pass has checked", backfill,
                b -> b.status().done());
        gauge(r, "ohifbridge.backfill.total", "Instances the backfill pass checks in all", backfill,
                b -> b.status().total());
        gauge(r, "ohifbridge.skipped.instances", "Instances the preload or backfill gave up on", skipped,
                SkippedInstances::count);
        gauge(r, "ohifbridge.leader", "1 when this replica runs the background work", leadership,
                l -> l.leader() ? 1 : 0);
        gauge(r, "ohifbridge.audit.queue", "Audit events waiting to be written", audit, AuditLog::queued);
        FunctionCounter.builder("ohifbridge.audit.dropped", audit, AuditLog::dropped)
                .description("Audit events dropped because the queue was full").register(r);
        gauge(r, "ohifbridge.sessions.active", "HTTP sessions of this deployment", sessions, ActiveSessions::active);
        new JvmMemoryMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
    }

    private static <T> void gauge(MeterRegistry r, String name, String description, T obj, ToDoubleFunction<T> f,
                                  String... tags) {
        Gauge.builder(name, obj, f).description(description).tags(tags).strongReference(true).register(r);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The listener that counts sessions: registered by the start-up with the servlet context. */
    public ActiveSessions sessions() {
        return sessions;
    }

    /** Prometheus' text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @PreDestroy
    public void stop() {
        registry.close();
    }
}
