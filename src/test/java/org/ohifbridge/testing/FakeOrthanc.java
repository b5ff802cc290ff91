package org.ohifbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ohifbridge.orthanc.Change;
import org.ohifbridge.orthanc.ChangesPage;
import org.ohifbridge.orthanc.InstanceRef;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * An Orthanc in memory for unit tests: studies' instances, their tags and metadata; counts every call. The calls it
 * does not fake fail (there is no HTTP client behind it).
 */
public class FakeOrthanc extends OrthancApi {
    public final Map<String, List<InstanceRef>> studies = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, JsonNode> tags = new ConcurrentHashMap<>();
    public final Map<String, String> instanceMetadata = new ConcurrentHashMap<>();
    public final Map<String, String> studyMetadata = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> calls = new LinkedHashMap<>();
    /** Orthanc's change log: a NewInstance for every instance added. */
    public final List<Change> changeLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Instances whose tags Orthanc fails to read (HTTP 500), as when their stored file is broken. */
    public final java.util.Set<String> unreadable = ConcurrentHashMap.newKeySet();
    /** Runs before every tags read, with the instance's id (a test's way to change Orthanc in the middle of a pass). */
    public volatile java.util.function.Consumer<String> beforeTags = id -> { };
    /** What {@link #hasExtendedFind()} answers: false as Orthanc 1.10 (Debian 12), true as 1.12.5 and later. */
    public volatile boolean extendedFind;
    /** What {@link #isUp()} answers. */
    public volatile boolean up = true;

    public FakeOrthanc() {
        super(null);
    }

    public void addInstance(String study, String id, JsonNode shortTags) {
        studies.computeIfAbsent(study, s -> new ArrayList<>()).add(new InstanceRef(id, "file-" + id));
        tags.put(id, shortTags);
        changeLog.add(new Change(changeLog.size() + 1, "NewInstance", "Instance", id));
    }

    public void deleteInstance(String study, String id) {
        studies.get(study).removeIf(i -> i.id().equals(id));
        tags.remove(id);
        instanceMetadata.remove(id);
    }

    public synchronized int calls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public synchronized void resetCalls() {
        calls.clear();
    }

    /** How many times {@code what} (a method's name) was called; 0 when never. */
    public synchronized int calls(String what) {
        AtomicInteger n = calls.get(what);
        return n == null ? 0 : n.get();
    }

    private synchronized void count(String what) {
        calls.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public List<InstanceRef> studyInstances(String studyId) {
        count("studyInstances");
        List<InstanceRef> list = studies.get(studyId);
        if (list == null) {
            throw new OrthancNotFoundException("no study " + studyId);
        }
        return List.copyOf(list);
    }

    @Override
    public JsonNode shortTags(String instanceId) {
        count("shortTags");
        beforeTags.accept(instanceId);
        if (unreadable.contains(instanceId)) {
            throw new org.ohifbridge.orthanc.OrthancUnavailableException("Orthanc failed with HTTP 500", null);
        }
        JsonNode t = tags.get(instanceId);
        if (t == null) {
            throw new OrthancNotFoundException("no instance " + instanceId);
        }
        return t;
    }

    @Override
    public Optional<String> instanceMetadata(String instanceId, int index, int maxChars) {
        count("instanceMetadata");
        return Optional.ofNullable(instanceMetadata.get(instanceId)).filter(v -> v.length() <= maxChars);
    }

    @Override
    public void putInstanceMetadata(String instanceId, int index, String value) {
        count("putInstanceMetadata");
        if (!tags.containsKey(instanceId)) {
            throw new OrthancNotFoundException("no instance " + instanceId);
        }
        instanceMetadata.put(instanceId, value);
    }

    @Override
    public boolean hasExtendedFind() {
        count("hasExtendedFind");
        return extendedFind;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public boolean instanceExists(String instanceId) {
        count("instanceExists");
        return tags.containsKey(instanceId);
    }

    @Override
    public ChangesPage changes(long since, int limit) {
        count("changes");
        List<Change> after = changeLog.stream().filter(c -> c.seq() > since).limit(limit).toList();
        long last = after.isEmpty() ? changeLog.size() : after.get(after.size() - 1).seq();
        return new ChangesPage(after, last >= changeLog.size(), last);
    }

    @Override
    public long lastChange() {
        count("lastChange");
        return changeLog.size();
    }

    /** Every instance of every study, in the order they were added (Orthanc's storage order). */
    @Override
    public List<String> instanceIds(long since, int limit) {
        count("instanceIds");
        List<String> all = new ArrayList<>();
        synchronized (studies) {
            studies.values().forEach(list -> list.forEach(i -> all.add(i.id())));
        }
        return all.subList((int) Math.min(since, all.size()), (int) Math.min(since + limit, all.size()));
    }

    @Override
    public long instanceCount() {
        count("instanceCount");
        synchronized (studies) {
            return studies.values().stream().mapToInt(List::size).sum();
        }
    }

    @Override
    public Optional<String> studyMetadata(String studyId, int index, int maxChars) {
        count("studyMetadata");
        return Optional.ofNullable(studyMetadata.get(studyId)).filter(v -> v.length() <= maxChars);
    }

    @Override
    public void putStudyMetadata(String studyId, int index, String value) {
        count("putStudyMetadata");
        studyMetadata.put(studyId, value);
    }
}
