package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;
import org.ohifbridge.Json;
import org.ohifbridge.config.Settings;
import org.ohifbridge.dicomjson.InstanceEntry;
import org.ohifbridge.dicomjson.StudyDocumentBuilder;
import org.ohifbridge.orthanc.InstanceRef;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;

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
 * Concurrent requests for a study that is being built wait for that one build.
 */
@ApplicationScoped
public class StudyDocuments {
    private static final Logger LOG = Logger.getLogger(StudyDocuments.class.getName());

    private final OrthancApi orthanc;
    private final InstanceRecordStore records;
    private final StudyDocumentMemory memory;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<StudyDocument>> building = new ConcurrentHashMap<>();

    /** For CDI's client proxy only. */
    protected StudyDocuments() {
        this.orthanc = null;
        this.records = null;
        this.memory = null;
        this.pool = null;
    }

    @Inject
    public StudyDocuments(OrthancApi orthanc, InstanceRecordStore records, Settings settings) {
        this.orthanc = orthanc;
        this.records = records;
        this.memory = new StudyDocumentMemory(settings.studyCacheBytes());
        this.pool = Executors.newFixedThreadPool(settings.studyThreads(), new DaemonThreads("ohif-bridge-study"));
    }

    /** @throws org.ohifbridge.orthanc.OrthancNotFoundException for an unknown study */
    public CurrentDocument current(String studyId) {
        List<InstanceRef> instances = orthanc.studyInstances(studyId);
        List<String> ids = instances.stream().map(InstanceRef::id).toList();
        String key = StudyKey.of(members(instances));
        Optional<StudyDocument> known = memory.get(studyId, key);
        if (known.isPresent()) {
            return new CurrentDocument(known.get(), ids);
        }
        CompletableFuture<StudyDocument> mine = new CompletableFuture<>();
        CompletableFuture<StudyDocument> running = building.putIfAbsent(studyId + "/" + key, mine);
        if (running != null) {
            return new CurrentDocument(join(running), ids);
        }
        try {
            StudyDocument doc = stored(studyId, key).orElseGet(() -> build(studyId, instances));
            memory.put(studyId, doc);
            mine.complete(doc);
            return new CurrentDocument(doc, ids);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            building.remove(studyId + "/" + key);
        }
    }

    public int documentsInMemory() {
        return memory.size();
    }

    private Optional<StudyDocument> stored(String studyId, String key) {
        return orthanc.studyMetadata(studyId, StudyDocumentCodec.METADATA)
                .flatMap(text -> StudyDocumentCodec.decode(text, key));
    }

    private StudyDocument build(String studyId, List<InstanceRef> instances) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Optional<ObjectNode>>> futures = new ArrayList<>(instances.size());
        Queue<Runnable> laterWrites = new ConcurrentLinkedQueue<>();
        for (InstanceRef i : instances) {
            futures.add(CompletableFuture.supplyAsync(() -> records.get(i.id(), laterWrites), pool));
        }
        List<InstanceEntry> entries = new ArrayList<>(instances.size());
        List<InstanceRef> included = new ArrayList<>(instances.size());
        for (int n = 0; n < instances.size(); n++) {
            Optional<ObjectNode> record = join(futures.get(n));
            if (record.isPresent()) {
                entries.add(new InstanceEntry(instances.get(n).id(), record.get()));
                included.add(instances.get(n));
            }
        }
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(StudyDocumentBuilder.build(entries));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the study document", e);
        }
        // a UID the stored form cannot hold is left out everywhere, so that memory and Orthanc agree (the audit then
        // asks Orthanc for it)
        String uid = StudyDocumentBuilder.studyUid(entries);
        StudyDocument doc = new StudyDocument(StudyKey.of(members(included)),
                StudyDocumentCodec.storable(uid) ? uid : "", Gzip.compress(json), entries.size());
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

    private static List<StudyKey.Member> members(List<InstanceRef> instances) {
        List<StudyKey.Member> out = new ArrayList<>(instances.size());
        instances.forEach(i -> out.add(new StudyKey.Member(i.id(), i.fileUuid())));
        return out;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @PreDestroy
    public void stop() {
        pool.shutdownNow();
    }
}
