package org.ohifbridge.orthanc;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Orthanc's REST API as the DICOM JSON data source and preloading use it (plugin-spec §11): typed calls over
 * {@link OrthancClient}. Identifiers are checked here, before they become part of a URL.
 */
@ApplicationScoped
public class OrthancApi {
    /** Orthanc's identifiers: a SHA-1 written as five dash-separated groups of 8 lower-case hex digits. */
    public static final Pattern ORTHANC_ID = Pattern.compile("[0-9a-f]{8}(?:-[0-9a-f]{8}){4}");

    @Inject
    OrthancClient client;

    public OrthancApi() {
    }

    /** For tests and other code that holds a client already. */
    public OrthancApi(OrthancClient client) {
        this.client = client;
    }

    /** The study's instances in Orthanc's order; {@link OrthancNotFoundException} for an unknown study. */
    public List<InstanceRef> studyInstances(String studyId) {
        JsonNode list = client.getJson("studies/" + id(studyId) + "/instances");
        List<InstanceRef> out = new ArrayList<>(list.size());
        for (JsonNode i : list) {
            String id = i.path("ID").asText("");
            if (ORTHANC_ID.matcher(id).matches()) {
                out.add(new InstanceRef(id, i.path("FileUuid").asText("")));
            }
        }
        return out;
    }

    /** The StudyInstanceUID of a study given by its Orthanc id ("" if Orthanc has none). */
    public String studyUid(String studyId) {
        return client.getJson("studies/" + id(studyId)).path("MainDicomTags").path("StudyInstanceUID").asText("");
    }

    /** The StudyInstanceUID of the study an instance belongs to ("" if Orthanc has none). */
    public String studyUidOfInstance(String instanceId) {
        return client.getJson("instances/" + id(instanceId) + "/study").path("MainDicomTags")
                .path("StudyInstanceUID").asText("");
    }

    /** {@code GET /instances/{id}/tags?short}: the instance's tags, reading its DICOM file. */
    public JsonNode shortTags(String instanceId) {
        return client.getJson("instances/" + id(instanceId) + "/tags?short");
    }

    public Optional<String> instanceMetadata(String instanceId, int index) {
        return client.getTextIfExists("instances/" + id(instanceId) + "/metadata/" + index);
    }

    public void putInstanceMetadata(String instanceId, int index, String value) {
        client.putText("instances/" + id(instanceId) + "/metadata/" + index, value);
    }

    public void deleteInstanceMetadata(String instanceId, int index) {
        client.delete("instances/" + id(instanceId) + "/metadata/" + index);
    }

    public Optional<String> studyMetadata(String studyId, int index) {
        return client.getTextIfExists("studies/" + id(studyId) + "/metadata/" + index);
    }

    public void putStudyMetadata(String studyId, int index, String value) {
        client.putText("studies/" + id(studyId) + "/metadata/" + index, value);
    }

    /** Changes after {@code since}, at most {@code limit} of them. */
    public ChangesPage changes(long since, int limit) {
        return page(client.getJson("changes?since=" + since + "&limit=" + limit));
    }

    /** The sequence number of the newest change (0 when the log is empty). */
    public long lastChange() {
        return client.getJson("changes?last").path("Last").asLong(0);
    }

    /** Identifiers of all instances, a page at a time, in Orthanc's storage order. */
    public List<String> instanceIds(long since, int limit) {
        JsonNode list = client.getJson("instances?since=" + since + "&limit=" + limit);
        List<String> out = new ArrayList<>(list.size());
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    public long instanceCount() {
        return client.getJson("statistics").path("CountInstances").asLong(0);
    }

    static ChangesPage page(JsonNode json) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : json.path("Changes")) {
            changes.add(new Change(c.path("Seq").asLong(), c.path("ChangeType").asText(""),
                    c.path("ResourceType").asText(""), c.path("ID").asText("")));
        }
        return new ChangesPage(changes, json.path("Done").asBoolean(true), json.path("Last").asLong(0));
    }

    private static String id(String id) {
        if (id == null || !ORTHANC_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an Orthanc identifier: " + id);
        }
        return id;
    }
}
