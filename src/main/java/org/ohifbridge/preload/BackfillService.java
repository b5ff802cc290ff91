package org.ohifbridge.preload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cluster.StateFile;
import org.ohifbridge.cluster.StateStore;
import org.ohifbridge.cluster.StateStores;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.orthanc.Lane;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancIds;
import org.ohifbridge.preload.BackfillStatus.State;

/**
 * Fills metadata 4202 for the instances stored before the WAR (the plugin summarises those only when their study is
 * first opened; the Orthanc Book's page on the OHIF plugin suggests opening every study once to warm up): walks Orthanc's instance list a page at a
 * time, at most {@code BackfillRate} instances a second, and keeps its position in {@code backfill.json} of the data
 * folder, so that a restart resumes where it stopped. Progress (done/total, rate, ETA) goes to the log at every tenth of
 * the way and at least every {@value #LOG_EVERY_SECONDS} s, and to the status endpoint. Only the DICOM JSON data
 * source has metadata 4202 to fill.
 */
@ApplicationScoped
public class BackfillService {
    static final int PAGE = 200;
    /** Position saved every this many instances: a restart repeats at most these (harmless: checked, not recomputed). */
    static final int SAVE_EVERY = 20;
    static final long LOG_EVERY_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(BackfillService.class.getName());

    private final Settings settings;
    private final OrthancApi orthanc;
    private final InstanceCheck check;
    private final SkippedInstances skipped;
    private final StateStore stateFile;
    /** The last instance checked: where the next page starts, even if instances before it were deleted meanwhile. */
    private volatile String lastChecked;
    private volatile Thread thread;
    private volatile Progress progress = Progress.idle();

    /** Where a pass stands. {@code offset} is the position in Orthanc's instance list. */
    record Progress(State state, long offset, long done, long computed, long total, Instant started,
                    long passStartedNanos, long doneAtPassStart) {
        static Progress idle() {
            return new Progress(State.IDLE, 0, 0, 0, 0, null, 0, 0);
        }

        double rate() {
            double seconds = (System.nanoTime() - passStartedNanos) / 1e9;
            return seconds > 0 ? (done - doneAtPassStart) / seconds : 0;
        }
    }

    /** For CDI's client proxy only. */
    protected BackfillService() {
        this.settings = null;
        this.orthanc = null;
        this.check = null;
        this.skipped = null;
        this.stateFile = null;
    }

    @Inject
    public BackfillService(Settings settings, OrthancApi orthanc, InstanceRecordStore records,
                           SkippedInstances skipped, StateStores stores) {
        this(settings, orthanc, records, skipped, stores.named("backfill"));
    }

    /** One node, the progress in the data folder. */
    public BackfillService(Settings settings, OrthancApi orthanc, InstanceRecordStore records,
                           SkippedInstances skipped) {
        this(settings, orthanc, records, skipped, new StateFile(settings.dataFolder().resolve("backfill.json")));
    }

    BackfillService(Settings settings, OrthancApi orthanc, InstanceRecordStore records, SkippedInstances skipped,
                    StateStore progress) {
        this.settings = settings;
        this.orthanc = orthanc.on(Lane.BACKGROUND);
        this.check = new InstanceCheck(records, this.orthanc, skipped);
        this.skipped = skipped;
        this.stateFile = progress;
    }

    /** Whether this deployment backfills at all: only the DICOM JSON data source has metadata 4202 to fill. */
    public boolean enabled() {
        return settings.dataSource() == DataSource.DICOM_JSON;
    }

    /** The deployment starts: resumes an interrupted pass, or starts one when so configured. */
    public synchronized void resume() {
        if (!enabled() || thread != null) {
            return;
        }
        Optional<ObjectNode> saved = stateFile.read()
                .filter(o -> stateFile.shared() || settings.orthancUrl().toString().equals(o.path("orthanc").asText()));
        if (saved.isPresent()) {
            // a file edited or damaged by hand must not stop the deployment: odd values count as none
            ObjectNode o = saved.get();
            progress = new Progress(State.parse(o.path("state").asText()), Math.max(0, o.path("offset").asLong()),
                    Math.max(0, o.path("done").asLong()), Math.max(0, o.path("computed").asLong()),
                    Math.max(0, o.path("total").asLong()), instant(o.path("started").asText()),
                    System.nanoTime(), Math.max(0, o.path("done").asLong()));
            String last = o.path("last").asText("");
            lastChecked = OrthancIds.isValid(last) ? last : null;
        }
        if (progress.state() == State.RUNNING) {
            LOG.info(() -> "ohif-bridge: backfill resumes at instance " + progress.offset());
            launch();
        } else if (settings.backfillOnStart() && progress.state() != State.DONE) {
            start();
        }
    }

    /** Starts a new pass over every instance, unless one is running. @return the status afterwards */
    public synchronized BackfillStatus start() {
        if (!enabled()) {
            throw new IllegalStateException("backfill runs only with DataSource=dicom-json");
        }
        if (thread == null) {
            progress = new Progress(State.RUNNING, 0, 0, 0, 0, Instant.now(), System.nanoTime(), 0);
            lastChecked = null;
            LOG.info("ohif-bridge: backfill of metadata 4202 started");
            launch();
        }
        return status();
    }

    /** The deployment ends: no thread of ours may outlive it (nor use beans that are gone). */
    @PreDestroy
    public synchronized void stop() {
        Thread t = thread;
        thread = null;
        Daemons.stop(t);
    }

    public BackfillStatus status() {
        Progress p = progress;
        double percent = p.total() == 0 ? (p.state() == State.DONE ? 100.0 : 0.0)
                : Math.min(100.0, Math.round(1000.0 * p.done() / p.total()) / 10.0);
        double rate = 0;
        Optional<Long> eta = Optional.empty();
        if (p.state() == State.RUNNING) {
            rate = p.rate();
            if (rate > 0) {
                eta = Optional.of(Math.round(Math.max(0, p.total() - p.done()) / rate));
            }
        }
        return new BackfillStatus(p.state(), p.done(), Math.max(p.total(), p.done()), p.computed(), percent,
                Math.round(rate * 10) / 10.0, eta, Optional.ofNullable(p.started()));
    }

    /** Whether the progress cannot be written to the data folder (kept in memory meanwhile). */
    public boolean degraded() {
        return stateFile.degraded();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private void launch() {
        thread = new DaemonThreads("ohif-bridge-backfill").newThread(this::run);
        thread.start();
    }

    private void run() {
        RateLimiter limiter = new RateLimiter(settings.backfillRate());
        Backoff backoff = new Backoff();
        ProgressLog log = new ProgressLog(progress.done(), progress.total(), LOG_EVERY_SECONDS);
        boolean retriedSkipped = false;
        while (thread == Thread.currentThread()) {
            try {
                if (!retriedSkipped) {
                    retrySkipped();
                    retriedSkipped = true;
                }
                Progress p = progress;
                long total = orthanc.instanceCount();
                List<String> ids = nextPage(p.offset());
                if (ids.isEmpty()) {
                    finish(p, total);
                    return;
                }
                checkPage(ids, total, limiter, log);
                backoff.reset();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!backoff.failing()) {
                    if (e instanceof OrthancException) {
                        LOG.warning("ohif-bridge: backfill waits for Orthanc and retries: " + e.getMessage());
                    } else {
                        LOG.log(Level.SEVERE, "ohif-bridge: backfill failed; retrying", e);
                    }
                }
                try {
                    Thread.sleep(backoff.nextDelayMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** The instances a pass skipped before get another chance first (their files may be back). */
    private void retrySkipped() throws InterruptedException {
        for (String id : skipped.ids()) {
            check.ensure(id);
        }
    }

    /**
     * The instances after the last one checked. Orthanc's list is positional ({@code /instances?since=&limit=}), so a
     * deletion before the position would shift it and skip instances; the page is therefore looked up from a window
     * before the position, widened until it holds the last instance checked (or reaches the start: then instances are
     * checked twice, which is harmless, rather than missed).
     */
    private List<String> nextPage(long offset) {
        String last = lastChecked;
        if (last == null || offset == 0) {
            return orthanc.instanceIds(offset, PAGE);
        }
        for (long back = PAGE; ; back *= 4) {
            long from = Math.max(0, offset - back);
            List<String> window = orthanc.instanceIds(from, (int) (offset - from) + PAGE);
            int at = window.indexOf(last);
            if (at >= 0) {
                if (from + at + 1 != offset) {
                    Progress q = progress;
                    progress = new Progress(q.state(), from + at + 1, q.done(), q.computed(), q.total(), q.started(),
                            q.passStartedNanos(), q.doneAtPassStart());
                }
                return window.subList(at + 1, window.size());
            }
            if (from == 0) {
                return window; // the last one checked was deleted itself: start again from the beginning of the window
            }
        }
    }

    /** Makes sure each instance of one page has its record, at the configured rate; saves the position as it goes. */
    private void checkPage(List<String> ids, long total, RateLimiter limiter, ProgressLog log)
            throws InterruptedException {
        int n = 0;
        for (String id : ids) {
            limiter.acquire();
            boolean computed = check.ensure(id) == InstanceRecordStore.Outcome.COMPUTED;
            lastChecked = id;
            Progress q = progress;
            progress = new Progress(State.RUNNING, q.offset() + 1, q.done() + 1, q.computed() + (computed ? 1 : 0),
                    total, q.started(), q.passStartedNanos(), q.doneAtPassStart());
            if (++n % SAVE_EVERY == 0) {
                save();
            }
            if (log.due(progress.done(), total)) {
                logProgress();
            }
        }
        save();
    }

    private void finish(Progress p, long total) {
        progress = new Progress(State.DONE, p.offset(), p.done(), p.computed(), Math.max(total, p.done()), p.started(),
                p.passStartedNanos(), p.doneAtPassStart());
        save();
        synchronized (this) {
            if (thread == Thread.currentThread()) {
                thread = null;
            }
        }
        LOG.info(() -> "ohif-bridge: backfill done: " + p.done() + " instances checked, " + p.computed()
                + " records computed");
    }

    private void logProgress() {
        BackfillStatus s = status();
        LOG.info(() -> "ohif-bridge: backfill " + s.done() + "/" + s.total() + " (" + s.percent() + " %), "
                + s.ratePerSecond() + " instances/s, ETA " + s.etaSeconds().map(e -> e + " s").orElse("unknown"));
    }

    private void save() {
        Progress p = progress;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("orthanc", settings.orthancUrl().toString());
        o.put("state", p.state().text());
        o.put("offset", p.offset());
        o.put("done", p.done());
        o.put("computed", p.computed());
        o.put("total", p.total());
        if (p.started() != null) {
            o.put("started", p.started().toString());
        }
        String last = lastChecked;
        if (last != null) {
            o.put("last", last);
        }
        stateFile.save(o);
    }
}
