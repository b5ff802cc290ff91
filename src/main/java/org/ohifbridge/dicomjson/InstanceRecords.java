package org.ohifbridge.dicomjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-instance summary the plugin caches in Orthanc metadata 4202 ({@code EncodeOhifInstance} and
 * {@code GetOhifInstance} in its {@code Sources/Plugin.cpp}, orthanc-ohif branch OrthancOHIF-1.8): a flat object with
 * {@code "Version": 2} and, keyed by lower-case hex tag, every table tag that is present and converts. The
 * PET sequence is kept under "0054,0016" with keyword keys. Keys are written in byte order, as the plugin's
 * JSON library does.
 */
public final class InstanceRecords {
    /** The plugin's METADATA_VERSION: records of another version are recomputed. Bump it when the table changes. */
    public static final int VERSION = 2;
    public static final String VERSION_KEY = "Version";

    private InstanceRecords() {
    }

    /** @param shortTags Orthanc's {@code GET /instances/{id}/tags?short} answer */
    public static ObjectNode fromShortTags(JsonNode shortTags) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Map.Entry<String, TagType> e : OhifTags.RECORD_TAGS.entrySet()) {
            JsonNode value = shortTags.get(e.getKey());
            if (e.getValue() == TagType.PET_SEQUENCE) {
                RadiopharmaceuticalSequence.of(value).ifPresent(v -> sorted.put(e.getKey(), v));
            } else if (value != null && value.isTextual()) {
                TagValueParser.parse(e.getValue(), value.asText()).ifPresent(v -> sorted.put(e.getKey(), v));
            }
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        sorted.forEach(record::set);
        record.put(VERSION_KEY, VERSION);
        return record;
    }

    /** The record if it is an object of the current version, as the plugin checks it; otherwise nothing. */
    public static Optional<ObjectNode> current(JsonNode record) {
        if (record instanceof ObjectNode o) {
            JsonNode v = o.get(VERSION_KEY);
            if (v != null && v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == VERSION) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
