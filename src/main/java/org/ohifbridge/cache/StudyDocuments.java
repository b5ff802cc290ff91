package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.Json;
import org.ohifbridge.config.DocumentLimits;
import org.ohifbridge.config.Settings;
import org.ohifbridge.dicomjson.DocumentTooLarge;
import org.ohifbridge.dicomjson.InstanceEntry;
import org.ohifbridge.dicomjson.StudyDocumentBuilder;
import org.ohifbridge.orthanc.InstanceRef;
import org.ohifbridge.orthanc.Lane;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancTimeoutException;

/**
 * The OHIF DICOM JSON document of a study, at a cost that does not grow with the study once it was built:
 * <ol>
 *   <li>Orthanc lists the study's instances (1 call); their ids and file uuids make the {@link StudyKey};</li>
 *   <li>a document built for that key is taken from memory, else from the study's metadata
 *       {@value StudyDocumentCodec#METADATA} (1 call);</li>
 *   <li>only when neither holds it is the document built from the per-instance records (4202), read or
 *       computed in parallel on a bounded pool ({@code StudyThreads}); the document is stored, and the computed
 *       records are written back in the background once it is.</li>
 * </ol>
 * Any instance added, deleted or replaced changes the key, so the answer always matches the study as it is.
 * Concurrent requests for a study that is being built wait for that one build. What a build may cost is bounded
 * ({@link DocumentLimits}): entries and frames are capped before anything is built ({@link DocumentTooLarge}), builds
 * run a few at a time ({@link BuildGate}), each within a deadline, and the document is written straight into a
 * bounded gzip buffer.
 */
@ApplicationScoped
public class StudyDocuments {
    private static final Logger LOG = Logger.getLogger(StudyDocuments.class.getName());
    /** Studies found too large, by key: asking again costs one listing, not every record. */
    private static final int REFUSALS_KEPT = 256;

    private final OrthancApi orthanc;
    private final Map<Source, LongAdder> opens = new EnumMap<>(Map.of(Source.MEMORY, new LongAdder(),
            Source.STORED, new LongAdder(), Source.BUILT, new LongAdder(), Source.SHARED, new LongAdder()));
    private final InstanceRecordStore records;
    private final StudyDocumentMemory memory;
    private final ExecutorService pool;
    private final DocumentLimits limits;
    private final BuildGate gate;
    private final Map<String, CompletableFuture<StudyDocument>> building = new ConcurrentHashMap<>();
    private final Map<String, DocumentTooLarge> refused = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DocumentTooLarge> eldest) {
            return size() > REFUSALS_KEPT;
        }
    };

    /** For CDI's client proxy only. */
    protected StudyDocuments() {
        this.orthanc = null;
        this.records = null;
        this.memory = null;
        this.pool = null;
        this.limits = null;
        this.gate = null;
    }

    @Inject
    public StudyDocuments(OrthancApi orthanc, InstanceRecordStore records, Settings settings) {
        this.orthanc = orthanc.on(Lane.DOCUMENTS);
        this.records = records;
        this.memory = new StudyDocumentMemory(settings.studyCacheBytes());
        this.limits = settings.documentLimits();
        this.gate = new BuildGate(limits.builds(), limits.queue());
        this.pool = Executors.newFixedThreadPool(settings.studyThreads(), new DaemonThreads("ohif-bridge-study"));
    }

    /**
     * @throws org.ohifbridge.orthanc.OrthancNotFoundException for an unknown study
     * @throws DocumentTooLarge                               past a cap (413)
     * @throws BuildGate.Busy                                 when too many builds run and wait (503)
     * @throws OrthancTimeoutException                        when the build, or the wait for it, takes too long (504)
     */
    public CurrentDocument current(String studyId) {
        List<InstanceRef> instances = orthanc.studyInstances(studyId);
        List<String> ids = instances.stream().map(InstanceRef::id).toList();
        String key = StudyKey.of(members(instances));
        Optional<StudyDocument> known = memory.get(studyId, key);
        if (known.isPresent()) {
            opens.get(Source.MEMORY).increment();
            return new CurrentDocument(known.get(), ids);
        }
        refusal(key);
        if (instances.size() > limits.entries()) {
            throw refuse(key, new DocumentTooLarge(DocumentTooLarge.Cap.ENTRIES, limits.entries(),
                    "this study has " + instances.size() + " instances, more than " + limits.entries()));
        }
        CompletableFuture<StudyDocument> mine = new CompletableFuture<>();
        String building0 = studyId + "/" + key;
        CompletableFuture<StudyDocument> running = building.putIfAbsent(building0, mine);
        if (running != null) {
            return new CurrentDocument(counted(Source.SHARED, await(running)), ids);
        }
        try {
            // another request may have finished this very build between the first look and the registration
            StudyDocument doc = memory.get(studyId, key).map(d -> counted(Source.MEMORY, d))
                    .or(() -> stored(studyId, key).map(d -> counted(Source.STORED, d)))
                    .orElseGet(() -> counted(Source.BUILT, gated(studyId, key, instances)));
            memory.put(studyId, doc);
            mine.complete(doc);
            return new CurrentDocument(doc, ids);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            building.remove(building0);
        }
    }

    /** Where an opened study's document came from. */
    public enum Source {
        /** this replica's memory */
        MEMORY,
        /** the document stored in Orthanc (4203) */
        STORED,
        /** built from the instance records (4202, or computed) */
        BUILT,
        /** another request's build of the same study, waited for */
        SHARED
    }

    /** Studies opened so far, by where their document came from (for the metrics). */
    public long opened(Source source) {
        return opens.get(source).sum();
    }

    private StudyDocument counted(Source source, StudyDocument doc) {
        opens.get(source).increment();
        return doc;
    }

    public int documentsInMemory() {
        return memory.size();
    }

    private Optional<StudyDocument> stored(String studyId, String key) {
        return orthanc.studyMetadata(studyId, StudyDocumentCodec.METADATA, StudyDocumentCodec.MAX_STORED_CHARS)
                .flatMap(text -> StudyDocumentCodec.decode(text, key));
    }

    private StudyDocument gated(String studyId, String key, List<InstanceRef> instances) {
        gate.enter(limits.timeout());
        try {
            return build(studyId, key, instances);
        } finally {
            gate.leave();
        }
    }

    private StudyDocument build(String studyId, String key, List<InstanceRef> instances) {
        long t0 = System.nanoTime();
        long deadline = t0 + limits.timeout().toNanos();
        List<CompletableFuture<Optional<ObjectNode>>> futures = new ArrayList<>(instances.size());
        Queue<Runnable> laterWrites = new ConcurrentLinkedQueue<>();
        RecordBudget budget = new RecordBudget(limits.buildBytes());
        for (InstanceRef i : instances) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                budget.take(0); // once the budget is spent, the remaining reads fail without asking Orthanc
                return records.get(i.id(), laterWrites, budget);
            }, pool));
        }
        List<InstanceEntry> entries = new ArrayList<>(instances.size());
        List<InstanceRef> included = new ArrayList<>(instances.size());
        try {
            for (int n = 0; n < instances.size(); n++) {
                Optional<ObjectNode> record = join(futures.get(n), deadline);
                if (record.isPresent()) {
                    entries.add(new InstanceEntry(instances.get(n).id(), record.get()));
                    included.add(instances.get(n));
                }
            }
        } catch (DocumentTooLarge e) {
            throw refuse(key, e);
        } finally {
            futures.forEach(f -> f.cancel(false)); // those not started yet never start
        }
        try {
            StudyDocumentBuilder.checkSize(entries, limits.framesPerInstance(), limits.entries());
        } catch (DocumentTooLarge e) {
            throw refuse(key, e);
        }
        // a UID the stored form cannot hold is left out everywhere, so that memory and Orthanc agree (the audit then
        // asks Orthanc for it)
        String uid = StudyDocumentBuilder.studyUid(entries);
        StudyDocument doc = new StudyDocument(StudyKey.of(members(included)),
                StudyDocumentCodec.storable(uid) ? uid : "", gzip(key, entries), entries.size());
        try {
            orthanc.putStudyMetadata(studyId, StudyDocumentCodec.METADATA, StudyDocumentCodec.encode(doc));
        } catch (OrthancException e) {
            LOG.log(Level.FINE, "ohif-bridge: cannot keep the document of study " + studyId + " in Orthanc", e);
        }
        records.writeBehind(laterWrites);
        LOG.fine(() -> "ohif-bridge: study " + studyId + " built from " + entries.size() + " instances in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms, " + doc.gzip().length + " bytes gzipped");
        return doc;
    }

    /** The document written straight into gzip: never a whole uncompressed copy in memory. */
    private byte[] gzip(String key, List<InstanceEntry> entries) {
        Gzip.BoundedSink sink = null;
        try {
            sink = new Gzip.BoundedSink(StudyDocumentCodec.MAX_GZIP_BYTES);
            Json.MAPPER.writeValue(sink, StudyDocumentBuilder.build(entries)); // closes the sink
            return sink.gzip();
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Gzip.TooLarge) {
                    throw refuse(key, new DocumentTooLarge(DocumentTooLarge.Cap.BYTES, StudyDocumentCodec.MAX_GZIP_BYTES,
                            "this study's document is larger than " + (StudyDocumentCodec.MAX_GZIP_BYTES >> 20)
                                    + " MB compressed"));
                }
            }
            throw new IllegalStateException("cannot serialise the study document", e);
        }
    }

    private void refusal(String key) {
        DocumentTooLarge known;
        synchronized (refused) {
            known = refused.get(key);
        }
        if (known != null) {
            throw known;
        }
    }

    private DocumentTooLarge refuse(String key, DocumentTooLarge e) {
        synchronized (refused) {
            refused.put(key, e);
        }
        return e;
    }

    /** Another request's build of the same study, waited for at most the build timeout. */
    private StudyDocument await(CompletableFuture<StudyDocument> running) {
        return join(running, System.nanoTime() + limits.timeout().toNanos());
    }

    private static List<StudyKey.Member> members(List<InstanceRef> instances) {
        List<StudyKey.Member> out = new ArrayList<>(instances.size());
        instances.forEach(i -> out.add(new StudyKey.Member(i.id(), i.fileUuid())));
        return out;
    }

    private static <T> T join(CompletableFuture<T> f, long deadlineNanos) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new OrthancTimeoutException("the study document was not ready within StudyBuildTimeout", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new OrthancTimeoutException("the study document's build was cancelled", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrthancTimeoutException("interrupted while the study document was built", null);
        }
    }

    /** The deployment ends: builds are abandoned, their threads awaited (a few seconds at most: calls have deadlines). */
    @PreDestroy
    public void stop() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
