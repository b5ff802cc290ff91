package org.ohifbridge.orthanc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orthanc's REST API as ohif-bridge uses it: typed calls over {@link OrthancClient}, and the only place where Orthanc's
 * paths are written. Identifiers are checked here ({@link OrthancIds}), before they become part of a URL, whoever gave
 * them. The routes are those of Orthanc 1.10 (Debian 12) and its DICOMweb plugin; the plugin's own use of them is in
 * its {@code Sources/Plugin.cpp} (orthanc-ohif, branch OrthancOHIF-1.8).
 */
@ApplicationScoped
public class OrthancApi {
    /**
     * How Orthanc's DICOMweb plugin starts the absolute URLs it writes (BulkDataURI, RetrieveURL) for the requests sent
     * here (see {@link OrthancClient#PUBLIC_ROOT_MARKER}): the proxy replaces it with the WAR's public path.
     */
    public static final String DICOM_WEB_MARKER = OrthancClient.PUBLIC_ROOT_MARKER + "dicom-web/";

    /** Most bytes of {@code tags?short} read for one instance (its OHIF record needs a few kilobytes of them). */
    static final long MAX_TAGS_BYTES = 32L << 20;

    private final OrthancClient client;
    private final Lane lane;

    /** For CDI's client proxy only. */
    protected OrthancApi() {
        this.client = null;
        this.lane = null;
    }

    /** The injected instance calls on the {@link Lane#VIEWER} lane; see {@link #on(Lane)}. */
    @Inject
    public OrthancApi(OrthancClient client) {
        this(client, Lane.VIEWER);
    }

    private OrthancApi(OrthancClient client, Lane lane) {
        this.client = client;
        this.lane = lane;
    }

    /**
     * The same calls on another lane's connections (documents, background work, health). A subclass (a test's fake
     * Orthanc) has no connections: it answers on every lane itself.
     */
    public OrthancApi on(Lane other) {
        return getClass() == OrthancApi.class ? new OrthancApi(client, other) : this;
    }

    // ---- the DICOM JSON data source and preloading ----------------------------------------------------------------

    /** The study's instances in Orthanc's order; {@link OrthancNotFoundException} for an unknown study. */
    public List<InstanceRef> studyInstances(String studyId) {
        JsonNode list = client.getJson(lane, "studies/" + OrthancIds.checked(studyId) + "/instances");
        List<InstanceRef> out = new ArrayList<>(list.size());
        for (JsonNode i : list) {
            String id = i.path("ID").asText("");
            if (OrthancIds.isValid(id)) {
                out.add(new InstanceRef(id, i.path("FileUuid").asText("")));
            }
        }
        return out;
    }

    /** {@code GET /studies/{id}}: the study with its main tags and its patient's; 404 for an unknown one. */
    public JsonNode studyResource(String studyId) {
        return client.getJson(lane, "studies/" + OrthancIds.checked(studyId), 1 << 20);
    }

    /** {@code GET /instances/{id}/study}: the study an instance belongs to, as {@link #studyResource}. */
    public JsonNode studyOfInstance(String instanceId) {
        return client.getJson(lane, "instances/" + OrthancIds.checked(instanceId) + "/study", 1 << 20);
    }

    /** The StudyInstanceUID of a study given by its Orthanc id ("" if Orthanc has none). */
    public String studyUid(String studyId) {
        return client.getJson(lane, "studies/" + OrthancIds.checked(studyId)).path("MainDicomTags").path("StudyInstanceUID")
                .asText("");
    }

    /** The StudyInstanceUID of the study an instance belongs to ("" if Orthanc has none). */
    public String studyUidOfInstance(String instanceId) {
        return client.getJson(lane, "instances/" + OrthancIds.checked(instanceId) + "/study").path("MainDicomTags")
                .path("StudyInstanceUID").asText("");
    }

    /** {@code GET /instances/{id}/tags?short}: the instance's tags, reading its DICOM file. */
    public JsonNode shortTags(String instanceId) {
        return client.getJson(lane, "instances/" + OrthancIds.checked(instanceId) + "/tags?short", MAX_TAGS_BYTES);
    }

    /** The metadata's text, or nothing when there is none or it is longer than {@code maxChars}. */
    /** Whether Orthanc's database has the instance (its file is not read). */
    public boolean instanceExists(String instanceId) {
        try {
            client.getJson(lane, "instances/" + OrthancIds.checked(instanceId), 1 << 20);
            return true;
        } catch (OrthancNotFoundException e) {
            return false;
        }
    }

    /** The metadata's text, or nothing when there is none or it is longer than {@code maxChars}. */
    public Optional<String> instanceMetadata(String instanceId, int index, int maxChars) {
        return client.getTextIfExists(lane, "instances/" + OrthancIds.checked(instanceId) + "/metadata/" + index,
                maxChars);
    }

    public void putInstanceMetadata(String instanceId, int index, String value) {
        client.putText(lane, "instances/" + OrthancIds.checked(instanceId) + "/metadata/" + index, value);
    }

    /** The metadata's text, or nothing when there is none or it is longer than {@code maxChars}. */
    public Optional<String> studyMetadata(String studyId, int index, int maxChars) {
        return client.getTextIfExists(lane, "studies/" + OrthancIds.checked(studyId) + "/metadata/" + index, maxChars);
    }

    public void putStudyMetadata(String studyId, int index, String value) {
        client.putText(lane, "studies/" + OrthancIds.checked(studyId) + "/metadata/" + index, value);
    }

    /** Changes after {@code since}, at most {@code limit} of them. */
    public ChangesPage changes(long since, int limit) {
        return page(client.getJson(lane, "changes?since=" + since + "&limit=" + limit));
    }

    /** The sequence number of the newest change (0 when the log is empty). */
    public long lastChange() {
        return client.getJson(lane, "changes?last").path("Last").asLong(0);
    }

    /** Identifiers of all instances, a page at a time, in Orthanc's storage order. */
    public List<String> instanceIds(long since, int limit) {
        JsonNode list = client.getJson(lane, "instances?since=" + since + "&limit=" + limit);
        List<String> out = new ArrayList<>(list.size());
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    public long instanceCount() {
        return client.getJson(lane, "statistics").path("CountInstances").asLong(0);
    }

    // ---- the launcher and the deep links (Orthanc 1.10: no sorting, no RequestedTags) -----------------------------

    /**
     * {@code POST /tools/find} at study level with {@code Expand}: the expanded studies matching every attribute.
     *
     * @param query         DICOM attribute name → value (Orthanc's wildcards apply)
     * @param caseSensitive exact identifiers are; free-text searches are not
     */
    public JsonNode findStudies(Map<String, String> query, boolean caseSensitive, int limit) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Level", "Study");
        ObjectNode q = body.putObject("Query");
        query.forEach(q::put);
        body.put("Expand", true);
        body.put("CaseSensitive", caseSensitive);
        body.put("Limit", limit);
        return client.postJson(lane, "tools/find", body);
    }

    public long studyCount() {
        return client.getJson(lane, "statistics").path("CountStudies").asLong(0);
    }

    /**
     * Whether Orthanc's {@code /tools/find} can sort ({@code HasExtendedFind} in {@code /system}: Orthanc 1.12.5 and
     * later, where {@code /studies?since=} lists by id, no longer by arrival).
     */
    public boolean hasExtendedFind() {
        return client.getJson(lane, "system", 1 << 20).path("HasExtendedFind").asBoolean(false);
    }

    /**
     * Expanded studies, the most recently updated first (Orthanc's study metadata {@code LastUpdate}: a study whose
     * instances just arrived comes first), {@code limit} from position {@code since}; needs {@link #hasExtendedFind}.
     */
    public JsonNode studiesNewestFirst(long since, int limit) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Level", "Study");
        body.putObject("Query");
        body.put("Expand", true);
        body.putArray("OrderBy").addObject().put("Type", "Metadata").put("Key", "LastUpdate").put("Direction", "DESC");
        body.put("Since", since);
        body.put("Limit", limit);
        return client.postJson(lane, "tools/find", body);
    }

    /** Expanded studies in arrival order, from position {@code since}: {@code GET /studies?expand&since=&limit=}. */
    public JsonNode studiesSince(long since, int limit) {
        return client.getJson(lane, "studies?expand&since=" + since + "&limit=" + limit);
    }

    /** The study's series, expanded: {@code GET /studies/{id}/series?expand}. */
    public JsonNode studySeries(String studyId) {
        return client.getJson(lane, "studies/" + OrthancIds.checked(studyId) + "/series?expand");
    }

    // ---- the proxy: bodies that stream through (the caller closes the response) -----------------------------------

    /**
     * A GET on Orthanc's DICOMweb plugin.
     *
     * @param rawPath  below {@code dicom-web/}, already checked against the proxy's allow-list, still percent-encoded
     * @param rawQuery as the browser sent it (may be null)
     */
    public Response dicomWeb(String rawPath, String rawQuery, MultivaluedMap<String, Object> headers) {
        return client.get(lane, "dicom-web/" + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery),
                headers);
    }

    /** The stored DICOM file of an instance: {@code GET /instances/{id}/file}. */
    public Response instanceFile(String instanceId, MultivaluedMap<String, Object> headers) {
        return client.get(lane, "instances/" + OrthancIds.checked(instanceId) + "/file", headers);
    }

    // ---- health ---------------------------------------------------------------------------------------------------

    /** Whether Orthanc answers its {@code /system} route, on the health lane whatever this instance's lane. */
    public boolean isUp() {
        return client.isUp();
    }

    static ChangesPage page(JsonNode json) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : json.path("Changes")) {
            changes.add(new Change(c.path("Seq").asLong(), c.path("ChangeType").asText(""),
                    c.path("ResourceType").asText(""), c.path("ID").asText("")));
        }
        return new ChangesPage(changes, json.path("Done").asBoolean(true), json.path("Last").asLong(0));
    }
}
