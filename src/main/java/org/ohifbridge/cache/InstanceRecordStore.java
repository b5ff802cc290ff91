package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.dicomjson.InstanceRecords;
import org.ohifbridge.orthanc.Lane;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * The per-instance record of one instance, as the plugin's {@code GetOhifInstance} handles it ({@code Sources/Plugin.cpp},
 * orthanc-ohif, branch OrthancOHIF-1.8): read from metadata 4202 when it holds a valid
 * entry of the current version; otherwise computed from the instance's tags and written back, replacing a
 * corrupt or outdated entry (unlike the plugin, without deleting it first: one call less). An instance deleted
 * meanwhile has no record.
 */
@ApplicationScoped
public class InstanceRecordStore {
    /** The plugin's metadata index. */
    public static final int METADATA = 4202;
    private static final Logger LOG = Logger.getLogger(InstanceRecordStore.class.getName());

    /** What {@link #ensure} found. */
    public enum Outcome {
        PRESENT, COMPUTED, GONE,
        /** The instance exists but Orthanc cannot read its tags (its stored file is gone or broken). */
        UNREADABLE,
        /** Its tag values are too large for a record. */
        UNUSABLE
    }

    /** How long undeploying waits for the writes a study opening left behind; the rest are dropped and counted. */
    static final long STOP_WAIT_MILLIS = 5_000;

    /** Writes that a study opening leaves behind may wait at most this many; beyond, they are skipped. */
    static final int WRITE_BEHIND_QUEUE = 20_000;

    /** Reads for a study being opened. */
    private final OrthancApi documents;
    /** The preload's and the backfill's calls, and the writes left behind. */
    private final OrthancApi background;
    private final AtomicLong unusable = new AtomicLong();
    private final AtomicBoolean unusableLogged = new AtomicBoolean();
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicBoolean replacementLogged = new AtomicBoolean();
    /** Runs the writes a study opening leaves behind: 2 threads, at most {@value #WRITE_BEHIND_QUEUE} waiting. */
    private final ExecutorService writeBehind;

    /** For CDI's client proxy only. */
    protected InstanceRecordStore() {
        this.documents = null;
        this.background = null;
        this.writeBehind = null;
    }

    @Inject
    public InstanceRecordStore(OrthancApi orthanc) {
        this.documents = orthanc.on(Lane.DOCUMENTS);
        this.background = orthanc.on(Lane.BACKGROUND);
        this.writeBehind = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WRITE_BEHIND_QUEUE),
                new DaemonThreads("ohif-bridge-4202-writer"));
    }

    /**
     * The record, or empty when the instance no longer exists. Writing a record computed here back to Orthanc
     * is added to {@code laterWrites}, for {@link #writeBehind} once the study is answered: opening a study never
     * waits for Orthanc's database writes, nor competes with them.
     */
    public Optional<ObjectNode> get(String instanceId, Collection<Runnable> laterWrites) {
        return get(instanceId, laterWrites, RecordBudget.NONE);
    }

    /** {@link #get(String, Collection)} for a build: the record's size is taken from its {@code budget}. */
    Optional<ObjectNode> get(String instanceId, Collection<Runnable> laterWrites, RecordBudget budget) {
        Optional<String> stored = documents.instanceMetadata(instanceId, METADATA, InstanceRecordCodec.MAX_STORED_CHARS);
        Optional<ObjectNode> valid = stored.flatMap(text -> InstanceRecordCodec.decode(text, budget::take));
        if (valid.isPresent()) {
            return valid;
        }
        return compute(documents, instanceId, stored.isPresent(), laterWrites, budget);
    }

    /** Runs the writes {@link #get} left, in the background; skipped when too many are pending already. */
    public void writeBehind(Collection<Runnable> writes) {
        for (Runnable w : writes) {
            try {
                writeBehind.execute(w);
            } catch (RejectedExecutionException e) {
                return; // these records are computed again at a later opening
            }
        }
    }

    /** Makes sure the instance has a valid record stored (preload, backfill): written before returning. */
    public Outcome ensure(String instanceId) {
        Optional<String> stored = background.instanceMetadata(instanceId, METADATA, InstanceRecordCodec.MAX_STORED_CHARS);
        if (stored.flatMap(InstanceRecordCodec::decode).isPresent()) {
            return Outcome.PRESENT;
        }
        long before = unusable.get();
        if (compute(background, instanceId, stored.isPresent(), null, RecordBudget.NONE).isPresent()) {
            return Outcome.COMPUTED;
        }
        if (unusable.get() != before) {
            return Outcome.UNUSABLE;
        }
        // no tags: deleted meanwhile, or listed by Orthanc while its file cannot be read
        return background.instanceExists(instanceId) ? Outcome.UNREADABLE : Outcome.GONE;
    }

    /**
     * The deployment ends: the writes left behind get {@value #STOP_WAIT_MILLIS} ms, the rest are dropped (counted in
     * the log; their records are computed again at a later opening or by the preload).
     */
    @PreDestroy
    public void stop() {
        writeBehind.shutdown();
        try {
            if (!writeBehind.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                int dropped = writeBehind.shutdownNow().size();
                LOG.info(() -> "ohif-bridge: " + dropped + " write(s) of metadata " + METADATA
                        + " dropped at undeploy; they are made again when needed");
            }
        } catch (InterruptedException e) {
            writeBehind.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Instances whose record cannot be made (tags too large for a record): left out of documents. */
    public long unusableCount() {
        return unusable.get();
    }

    public long computedCount() {
        return computed.get();
    }

    public long replacedCount() {
        return replaced.get();
    }

    /** @param laterWrites where to leave the write; null: write now */
    private Optional<ObjectNode> compute(OrthancApi orthanc, String instanceId, boolean replacing,
                                         Collection<Runnable> laterWrites, RecordBudget budget) {
        JsonNode tags;
        try {
            tags = orthanc.shortTags(instanceId);
        } catch (OrthancNotFoundException e) {
            return Optional.empty(); // deleted meanwhile: left out, as the plugin does
        }
        ObjectNode record = InstanceRecords.fromShortTags(tags);
        int size = InstanceRecordCodec.size(record);
        if (size < 0) {
            // a tag value of megabytes (a crafted or broken file): no record a reader would accept, so none is made
            unusable.incrementAndGet();
            if (unusableLogged.compareAndSet(false, true)) {
                LOG.warning(() -> "ohif-bridge: instance " + instanceId + " has tag values too large for its OHIF"
                        + " record; it is left out of its study's DICOM JSON (further ones are only counted)");
            }
            return Optional.empty();
        }
        if (replacing) {
            replaced.incrementAndGet();
            if (replacementLogged.compareAndSet(false, true)) {
                LOG.info(() -> "ohif-bridge: metadata " + METADATA + " of instance " + instanceId
                        + " was corrupt or of another version; recomputed (further replacements are only counted,"
                        + " see the preload status)");
            }
        }
        String encoded = InstanceRecordCodec.encode(record);
        budget.take(size + encoded.length()); // the record, and its stored form until it is written
        if (laterWrites == null) {
            if (!store(instanceId, encoded)) {
                return Optional.empty();
            }
        } else {
            laterWrites.add(() -> store(instanceId, encoded));
        }
        return Optional.of(record);
    }

    /** @return false when the instance is gone */
    private boolean store(String instanceId, String encoded) {
        try {
            background.putInstanceMetadata(instanceId, METADATA, encoded);
            computed.incrementAndGet();
        } catch (OrthancNotFoundException e) {
            return false;
        } catch (OrthancException e) {
            // the record still serves; the next opening or the preload tries to store it again
            LOG.log(Level.FINE, "ohif-bridge: cannot store metadata " + METADATA + " of " + instanceId, e);
        }
        return true;
    }
}
