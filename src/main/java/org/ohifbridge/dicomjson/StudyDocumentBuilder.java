package org.ohifbridge.dicomjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assembles the OHIF DICOM JSON document of a study from its per-instance records, as the plugin does
 * ({@code GetOhifStudy} in its {@code Sources/Plugin.cpp}, orthanc-ohif branch OrthancOHIF-1.8): studies and series grouped by UID in string order, instances in Orthanc's order, the
 * study and series values taken from the first record of each group, {@code NumInstances} and
 * {@code Modalities}, keys in byte order. Two deliberate differences, both for OHIF 3.13:
 * <ul>
 *   <li>a multi-frame instance becomes one entry per frame, each with its {@code ?frame=k} (1-based) url and
 *       the same metadata, {@code NumberOfFrames} included; with the plugin's single entry OHIF's DICOM JSON
 *       source shows one frame and stays on "Loading…" (tried with OHIF 3.13.2: the 96-frame XA sample stays
 *       black; BrowserJsonIT shows the frames now);</li>
 *   <li>WindowCenter/WindowWidth are left out when the width is below 1, which DICOM forbids (PS3.3
 *       C.11.2.1.2) and which makes OHIF paint a black image; OHIF then windows from the pixel values.</li>
 * </ul>
 */
public final class StudyDocumentBuilder {
    private static final String STUDY_UID = "0020,000d";
    private static final String SERIES_UID = "0020,000e";
    private static final String MODALITY = "0008,0060";
    private static final String FRAMES = "0028,0008";
    private static final String WINDOW_CENTER = "WindowCenter";
    private static final String WINDOW_WIDTH = "WindowWidth";

    private static final List<OhifTag> STUDY_TAGS = OhifTags.at(Level.STUDY);
    private static final List<OhifTag> SERIES_TAGS = OhifTags.at(Level.SERIES);
    private static final List<OhifTag> INSTANCE_TAGS = OhifTags.at(Level.INSTANCE);

    private StudyDocumentBuilder() {
    }

    /** @param instances in the order Orthanc listed them */
    public static ObjectNode build(List<InstanceEntry> instances) {
        Map<String, List<InstanceEntry>> studies = groupBy(instances, STUDY_UID);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        studies.values().forEach(s -> out.add(study(s)));
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("studies", out);
        return doc;
    }

    /**
     * Refuses instances whose document would exceed the caps, counting entries the way {@link #build} makes them (one
     * per frame of a multi-frame instance), before anything is built.
     *
     * @throws DocumentTooLarge naming the cap
     */
    public static void checkSize(List<InstanceEntry> instances, int maxFramesPerInstance, int maxEntries) {
        long entries = 0;
        for (InstanceEntry e : instances) {
            int frames = frames(e.record());
            if (frames > maxFramesPerInstance) {
                throw new DocumentTooLarge(DocumentTooLarge.Cap.FRAMES_PER_INSTANCE, maxFramesPerInstance,
                        "an instance of this study has " + frames + " frames, more than " + maxFramesPerInstance);
            }
            entries += Math.max(frames, 1);
            if (entries > maxEntries) {
                throw new DocumentTooLarge(DocumentTooLarge.Cap.ENTRIES, maxEntries,
                        "this study has more than " + maxEntries + " images (frames counted one by one)");
            }
        }
    }

    /**
     * The StudyInstanceUID of the document's first study ("" when no record has one): the one a study document is
     * about, since an Orthanc study groups the instances of one UID.
     */
    public static String studyUid(List<InstanceEntry> instances) {
        Map<String, List<InstanceEntry>> studies = groupBy(instances, STUDY_UID);
        return studies.isEmpty() ? "" : studies.keySet().iterator().next();
    }

    private static ObjectNode study(List<InstanceEntry> records) {
        Map<String, JsonNode> fields = copy(records.get(0).record(), STUDY_TAGS);
        SortedSet<String> modalities = new TreeSet<>();
        ArrayNode series = JsonNodeFactory.instance.arrayNode();
        int count = 0;
        for (List<InstanceEntry> s : groupBy(records, SERIES_UID).values()) {
            JsonNode modality = s.get(0).record().get(MODALITY);
            if (modality != null && modality.isTextual()) {
                modalities.add(modality.asText());
            }
            series.add(series(s));
            count += s.size();
        }
        fields.put("Modalities", JsonNodeFactory.instance.textNode(String.join(",", modalities)));
        fields.put("NumInstances", JsonNodeFactory.instance.numberNode(count));
        fields.put("series", series);
        return object(fields);
    }

    private static ObjectNode series(List<InstanceEntry> records) {
        Map<String, JsonNode> fields = copy(records.get(0).record(), SERIES_TAGS);
        ArrayNode instances = JsonNodeFactory.instance.arrayNode();
        for (InstanceEntry e : records) {
            ObjectNode metadata = object(instanceMetadata(e.record()));
            String url = "dicomweb:../instances/" + e.orthancId() + "/file";
            int frames = frames(e.record());
            if (frames <= 1) {
                instances.add(instance(metadata, url));
            } else {
                for (int k = 1; k <= frames; k++) {
                    instances.add(instance(metadata, url + "?frame=" + k));
                }
            }
        }
        fields.put("instances", instances);
        return object(fields);
    }

    private static Map<String, JsonNode> instanceMetadata(ObjectNode record) {
        Map<String, JsonNode> metadata = copy(record, INSTANCE_TAGS);
        JsonNode width = metadata.get(WINDOW_WIDTH);
        if (width != null && width.isNumber() && width.doubleValue() < 1) {
            metadata.remove(WINDOW_WIDTH);
            metadata.remove(WINDOW_CENTER);
        }
        return metadata;
    }

    private static ObjectNode instance(ObjectNode metadata, String url) {
        ObjectNode instance = JsonNodeFactory.instance.objectNode();
        instance.set("metadata", metadata);
        instance.put("url", url);
        return instance;
    }

    private static int frames(ObjectNode record) {
        JsonNode n = record.get(FRAMES);
        return n != null && n.isInt() ? n.intValue() : 1;
    }

    /** Groups by the text value of a tag, groups in UID string order; records without it are left out. */
    private static Map<String, List<InstanceEntry>> groupBy(List<InstanceEntry> records, String tag) {
        Map<String, List<InstanceEntry>> groups = new TreeMap<>();
        for (InstanceEntry e : records) {
            JsonNode uid = e.record().get(tag);
            if (uid != null && uid.isTextual()) {
                groups.computeIfAbsent(uid.asText(), k -> new ArrayList<>()).add(e);
            }
        }
        return groups;
    }

    /** The table's tags of one level that the record holds, under their OHIF names, in byte order. */
    private static Map<String, JsonNode> copy(ObjectNode record, List<OhifTag> tags) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (OhifTag t : tags) {
            JsonNode v = record.get(t.tag());
            if (v != null && !v.isNull()) {
                out.put(t.name(), v);
            }
        }
        return out;
    }

    private static ObjectNode object(Map<String, JsonNode> sortedFields) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        sortedFields.forEach(o::set);
        return o;
    }
}
