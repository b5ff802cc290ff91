package org.ohifbridge.dicomjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The one sequence the plugin keeps: the first item of Radiopharmaceutical Information Sequence (0054,0016),
 * which OHIF needs for SUV (the plugin's {@code EncodeOhifInstance} in its {@code Sources/Plugin.cpp}, orthanc-ohif
 * branch OrthancOHIF-1.8). Produced only when half-life and total dose are present and one
 * of the start date-time (0018,1078) or start time (0018,1072) is; its keys are DICOM keywords.
 */
public final class RadiopharmaceuticalSequence {
    private static final String HALF_LIFE = "0018,1075";
    private static final String TOTAL_DOSE = "0018,1074";
    private static final String START_DATE_TIME = "0018,1078";
    private static final String START_TIME = "0018,1072";

    private RadiopharmaceuticalSequence() {
    }

    /** @param sequence the value of "0054,0016" in Orthanc's short format (an array of objects) */
    public static Optional<ArrayNode> of(JsonNode sequence) {
        if (sequence == null || !sequence.isArray() || sequence.isEmpty() || !sequence.get(0).isObject()) {
            return Optional.empty();
        }
        JsonNode item = sequence.get(0);
        String halfLife = text(item, HALF_LIFE);
        String dose = text(item, TOTAL_DOSE);
        String startDateTime = text(item, START_DATE_TIME);
        String startTime = text(item, START_TIME);
        if (halfLife == null || dose == null || startDateTime == null && startTime == null) {
            return Optional.empty();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        TagValueParser.parse(TagType.FLOAT, halfLife).ifPresent(v -> out.set("RadionuclideHalfLife", v));
        TagValueParser.parse(TagType.FLOAT, dose).ifPresent(v -> out.set("RadionuclideTotalDose", v));
        if (startDateTime != null) {
            out.put("RadiopharmaceuticalStartDateTime", startDateTime);
        } else {
            out.put("RadiopharmaceuticalStartTime", startTime);
        }
        return Optional.of(JsonNodeFactory.instance.arrayNode().add(out));
    }

    private static String text(JsonNode item, String tag) {
        JsonNode v = item.get(tag);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
