package org.ohifbridge.preload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.config.Settings;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;

/**
 * Fills metadata 4202 for the instances stored before the WAR (the plugin leaves that to a script): walks
 * Orthanc's instance list a page at a time, at most {@code BackfillRate} instances a second, and keeps its
 * position in {@code backfill.json} of the data folder, so that a restart resumes where it stopped. Progress
 * (done/total, rate, ETA) goes to the log at every tenth of the way and at least every
 * {@value #LOG_EVERY_SECONDS} s, and to the status endpoint.
 */
@ApplicationScoped
public class BackfillService {
    static final int PAGE = 200;
    /** Position saved every this many instances: a restart repeats at most these (harmless: checked, not recomputed). */
    static final int SAVE_EVERY = 20;
    static final long LOG_EVERY_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(BackfillService.class.getName());

    @Inject
    OrthancApi orthanc;
    @Inject
    InstanceRecordStore records;

    private Settings settings;
    private StateFile stateFile;
    private volatile Thread thread;
    private volatile Progress progress = Progress.idle();

    /** Where a pass stands. {@code offset} is the position in Orthanc's instance list. */
    record Progress(String state, long offset, long done, long computed, long total, Instant started,
                    long passStartedNanos, long doneAtPassStart) {
        static Progress idle() {
            return new Progress("idle", 0, 0, 0, 0, null, 0, 0);
        }

        double rate() {
            double seconds = (System.nanoTime() - passStartedNanos) / 1e9;
            return seconds > 0 ? (done - doneAtPassStart) / seconds : 0;
        }
    }

    /** At deployment: remember the settings; resume an interrupted pass, or start one when so configured. */
    public synchronized void init(Settings s) {
        settings = s;
        stateFile = new StateFile(s.dataFolder().resolve("backfill.json"));
        Optional<ObjectNode> saved = stateFile.read()
                .filter(o -> s.orthancUrl().toString().equals(o.path("orthanc").asText()));
        if (saved.isPresent()) {
            ObjectNode o = saved.get();
            Instant started = o.hasNonNull("started") ? Instant.parse(o.get("started").asText()) : Instant.now();
            progress = new Progress(o.path("state").asText("idle"), o.path("offset").asLong(), o.path("done").asLong(),
                    o.path("computed").asLong(), o.path("total").asLong(), started, System.nanoTime(),
                    o.path("done").asLong());
        }
        if ("running".equals(progress.state())) {
            LOG.info(() -> "ohif-bridge: backfill resumes at instance " + progress.offset());
            launch();
        } else if (s.backfillOnStart() && !"done".equals(progress.state())) {
            start();
        }
    }

    /** Whether this deployment backfills at all: only the DICOM JSON data source has metadata 4202 to fill. */
    public synchronized boolean enabled() {
        return settings != null;
    }

    /** Starts a new pass over every instance, unless one is running. @return the status afterwards */
    public synchronized ObjectNode start() {
        if (settings == null) {
            throw new IllegalStateException("backfill runs only with DataSource=dicom-json");
        }
        if (thread == null) {
            progress = new Progress("running", 0, 0, 0, 0, Instant.now(), System.nanoTime(), 0);
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

    public ObjectNode status() {
        Progress p = progress;
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("state", p.state());
        s.put("done", p.done());
        s.put("total", Math.max(p.total(), p.done()));
        s.put("computed", p.computed());
        s.put("percent", p.total() == 0 ? ("done".equals(p.state()) ? 100.0 : 0.0)
                : Math.min(100.0, Math.round(1000.0 * p.done() / p.total()) / 10.0));
        if ("running".equals(p.state())) {
            double rate = p.rate();
            s.put("ratePerSecond", Math.round(rate * 10) / 10.0);
            long left = Math.max(0, p.total() - p.done());
            if (rate > 0) {
                s.put("etaSeconds", Math.round(left / rate));
            } else {
                s.putNull("etaSeconds");
            }
        }
        if (p.started() != null) {
            s.put("started", p.started().toString());
        }
        return s;
    }

    private void launch() {
        thread = Daemons.create("ohif-bridge-backfill", this::run);
        thread.start();
    }

    private void run() {
        RateLimiter limiter = new RateLimiter(settings.backfillRate());
        Backoff backoff = new Backoff();
        long lastLog = System.nanoTime();
        long lastTenth = progress.total() == 0 ? 0 : 10 * progress.done() / progress.total();
        while (thread == Thread.currentThread()) {
            try {
                Progress p = progress;
                long total = orthanc.instanceCount();
                List<String> ids = orthanc.instanceIds(p.offset(), PAGE);
                if (ids.isEmpty()) {
                    finish(p, total);
                    return;
                }
                int n = 0;
                for (String id : ids) {
                    limiter.acquire();
                    boolean computed = records.ensure(id) == InstanceRecordStore.Outcome.COMPUTED;
                    Progress q = progress;
                    progress = new Progress("running", q.offset() + 1, q.done() + 1, q.computed() + (computed ? 1 : 0),
                            total, q.started(), q.passStartedNanos(), q.doneAtPassStart());
                    if (++n % SAVE_EVERY == 0) {
                        save();
                    }
                    long tenths = total == 0 ? 0 : 10 * progress.done() / total;
                    if (tenths > lastTenth || System.nanoTime() - lastLog > LOG_EVERY_SECONDS * 1_000_000_000L) {
                        lastTenth = tenths;
                        lastLog = System.nanoTime();
                        logProgress();
                    }
                }
                save();
                backoff.reset();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
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

    private void finish(Progress p, long total) throws IOException {
        progress = new Progress("done", p.offset(), p.done(), p.computed(), Math.max(total, p.done()), p.started(),
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
        ObjectNode s = status();
        LOG.info(() -> "ohif-bridge: backfill " + s.path("done").asLong() + "/" + s.path("total").asLong() + " ("
                + s.path("percent").asDouble() + " %), " + s.path("ratePerSecond").asDouble() + " instances/s, ETA "
                + (s.path("etaSeconds").isNull() ? "unknown" : s.path("etaSeconds").asLong() + " s"));
    }

    private void save() throws IOException {
        Progress p = progress;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("orthanc", settings.orthancUrl().toString());
        o.put("state", p.state());
        o.put("offset", p.offset());
        o.put("done", p.done());
        o.put("computed", p.computed());
        o.put("total", p.total());
        if (p.started() != null) {
            o.put("started", p.started().toString());
        }
        stateFile.write(o);
    }
}
