package org.ohifbridge.preload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cluster.StateFile;
import org.ohifbridge.cluster.StateStore;
import org.ohifbridge.cluster.StateStores;
import org.ohifbridge.config.Settings;
import org.ohifbridge.orthanc.Change;
import org.ohifbridge.orthanc.ChangesPage;
import org.ohifbridge.orthanc.Lane;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancIds;
import org.ohifbridge.preload.PreloadStatus.State;

/**
 * Preloading, as the plugin's {@code OnChangeCallback} and {@code MetadataThread} do it ({@code Sources/Plugin.cpp},
 * orthanc-ohif, branch OrthancOHIF-1.8), but so that nothing is lost: one thread follows Orthanc's change log
 * ({@code GET /changes}) a page at a time, makes sure every {@code NewInstance} has its metadata 4202 (on a small pool),
 * and only then persists the position after that page in {@code preload.json} of the data folder. A restart of the WAR
 * or of Orthanc resumes from there; a backlog is worked through page by page (memory holds one page whatever its
 * length); Orthanc unavailable means waiting, with growing pauses, not skipping. It runs with the DICOM JSON data
 * source and {@code Preload} on, from the start of the deployment to its end.
 */
@ApplicationScoped
public class PreloadService {
    static final int PAGE = 100;
    static final long POLL_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(PreloadService.class.getName());

    private final Settings settings;
    private final OrthancApi orthanc;
    private final InstanceCheck check;
    private final StateStore cursorFile;
    private volatile Thread thread;
    private volatile Workers workers;
    private volatile State state = State.OFF;
    private volatile long since = -1;
    private volatile long newest = -1;
    private final AtomicLong instancesSeen = new AtomicLong();

    /** For CDI's client proxy only. */
    protected PreloadService() {
        this.settings = null;
        this.orthanc = null;
        this.check = null;
        this.cursorFile = null;
    }

    @Inject
    public PreloadService(Settings settings, OrthancApi orthanc, InstanceRecordStore records,
                          SkippedInstances skipped, StateStores stores) {
        this(settings, orthanc, records, skipped, stores.named("preload"));
    }

    /** One node, the position in the data folder. */
    public PreloadService(Settings settings, OrthancApi orthanc, InstanceRecordStore records,
                          SkippedInstances skipped) {
        this(settings, orthanc, records, skipped, new StateFile(settings.dataFolder().resolve("preload.json")));
    }

    PreloadService(Settings settings, OrthancApi orthanc, InstanceRecordStore records, SkippedInstances skipped,
                   StateStore position) {
        this.settings = settings;
        this.orthanc = orthanc.on(Lane.BACKGROUND);
        this.check = new InstanceCheck(records, this.orthanc, skipped);
        this.cursorFile = position;
    }

    /** The deployment starts: follows the change log when the settings ask for it. */
    public synchronized void start() {
        if (thread != null || !settings.preloadActive()) {
            return;
        }
        workers = new Workers("ohif-bridge-preload-worker", settings.preloadThreads());
        state = State.STARTING;
        since = -1; // read again: another replica may have moved it
        newest = -1;
        thread = new DaemonThreads("ohif-bridge-preload").newThread(this::run);
        thread.start();
        LOG.info(() -> "ohif-bridge: preload follows Orthanc's changes; position kept in " + cursorFile.describe());
    }

    /** The deployment ends: no thread of ours may outlive it (nor use beans that are gone). */
    @PreDestroy
    public synchronized void stop() {
        Thread t = thread;
        thread = null;
        Daemons.stop(t);
        if (workers != null) {
            workers.shutdown();
        }
        state = State.OFF;
    }

    public PreloadStatus status() {
        long s = since;
        long n = newest;
        return new PreloadStatus(state, s, n, s >= 0 && n >= s ? n - s : 0, instancesSeen.get());
    }

    /** Whether the position cannot be written to the data folder (kept in memory meanwhile). */
    public boolean degraded() {
        return cursorFile.degraded();
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (thread == Thread.currentThread()) {
            try {
                if (since < 0) {
                    since = initialPosition();
                }
                followOnePage();
                if (backoff.failing()) {
                    LOG.info(() -> "ohif-bridge: Orthanc answers again; preload resumed at change " + since);
                    backoff.reset();
                }
            } catch (InterruptedException e) {
                return;
            } catch (OrthancException e) {
                state = State.WAITING_FOR_ORTHANC;
                if (!backoff.failing()) {
                    LOG.warning(() -> "ohif-bridge: preload waits for Orthanc (" + e.getMessage() + "); nothing is skipped");
                }
                if (!pause(backoff.nextDelayMillis())) {
                    return;
                }
            } catch (RuntimeException e) {
                state = State.FAILING;
                if (!backoff.failing()) {
                    LOG.log(Level.SEVERE, "ohif-bridge: preload failed; retrying (position kept in "
                            + cursorFile.describe() + ")", e);
                }
                if (!pause(backoff.nextDelayMillis())) {
                    return;
                }
            }
        }
    }

    private void followOnePage() throws InterruptedException {
        ChangesPage page = orthanc.changes(since, PAGE);
        Set<String> ids = new LinkedHashSet<>();
        for (Change c : page.changes()) {
            if (c.isNewInstance() && OrthancIds.isValid(c.id())) {
                ids.add(c.id());
            }
        }
        workers.forEach(List.copyOf(ids), check::ensureInWorker);
        instancesSeen.addAndGet(ids.size());
        if (!page.changes().isEmpty()) {
            save(page.last());
        }
        if (page.changes().isEmpty() && page.last() < since) {
            // a new Orthanc database: its change log starts again at 1
            LOG.warning(() -> "ohif-bridge: Orthanc's change log restarted (newest change " + page.last()
                    + ", preload was at " + since + "): following it from the beginning");
            save(0);
            return;
        }
        newest = page.changes().isEmpty() ? page.last() : Math.max(newest, page.last());
        if (page.done() || page.changes().isEmpty()) {
            state = State.UP_TO_DATE;
            if (!pause(POLL_MILLIS)) {
                throw new InterruptedException();
            }
        } else {
            state = State.CATCHING_UP;
        }
    }

    private long initialPosition() {
        String orthancUrl = settings.orthancUrl().toString();
        Optional<ObjectNode> saved = cursorFile.read();
        // a shared position belongs to the Orthanc cluster (its Orthancs share one change log), whatever URL each uses
        if (saved.isPresent() && (cursorFile.shared() || orthancUrl.equals(saved.get().path("orthanc").asText()))
                && saved.get().path("since").canConvertToLong()) {
            long s = saved.get().path("since").asLong();
            LOG.info(() -> "ohif-bridge: preload resumes after change " + s);
            return s;
        }
        long last = orthanc.lastChange();
        since = last;
        save(last);
        LOG.info(() -> "ohif-bridge: preload starts with Orthanc's change " + last
                + " (instances stored before are the backfill's job)");
        return last;
    }

    /** Moves the position on; persisted when the data folder allows it, in memory anyway. */
    private void save(long position) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("orthanc", settings.orthancUrl().toString());
        content.put("since", position);
        cursorFile.save(content);
        since = position;
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
