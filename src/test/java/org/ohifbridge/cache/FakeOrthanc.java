package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ohifbridge.orthanc.InstanceRef;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/** An Orthanc in memory for unit tests: one study's instances, their tags and metadata; counts every call. */
class FakeOrthanc extends OrthancApi {
    final Map<String, List<InstanceRef>> studies = new ConcurrentHashMap<>();
    final Map<String, JsonNode> tags = new ConcurrentHashMap<>();
    final Map<String, String> instanceMetadata = new ConcurrentHashMap<>();
    final Map<String, String> studyMetadata = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new LinkedHashMap<>();

    FakeOrthanc() {
        super(null);
    }

    void addInstance(String study, String id, JsonNode shortTags) {
        studies.computeIfAbsent(study, s -> new ArrayList<>()).add(new InstanceRef(id, "file-" + id));
        tags.put(id, shortTags);
    }

    void deleteInstance(String study, String id) {
        studies.get(study).removeIf(i -> i.id().equals(id));
        tags.remove(id);
        instanceMetadata.remove(id);
    }

    synchronized int calls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    synchronized void resetCalls() {
        calls.clear();
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
        JsonNode t = tags.get(instanceId);
        if (t == null) {
            throw new OrthancNotFoundException("no instance " + instanceId);
        }
        return t;
    }

    @Override
    public Optional<String> instanceMetadata(String instanceId, int index) {
        count("instanceMetadata");
        return Optional.ofNullable(instanceMetadata.get(instanceId));
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
    public Optional<String> studyMetadata(String studyId, int index) {
        count("studyMetadata");
        return Optional.ofNullable(studyMetadata.get(studyId));
    }

    @Override
    public void putStudyMetadata(String studyId, int index, String value) {
        count("putStudyMetadata");
        studyMetadata.put(studyId, value);
    }
}
