package org.ohifbridge.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Map;
import org.ohifbridge.config.StudyTag;

/**
 * What access rules look at in a study: its StudyInstanceUID and the attributes of {@link StudyTag}, as Orthanc's
 * index or a QIDO-RS answer gives them.
 */
public record StudyFacts(String uid, Map<StudyTag, String> attributes) {
    public StudyFacts {
        attributes = Map.copyOf(attributes);
    }

    public String get(StudyTag tag) {
        return attributes.get(tag);
    }

    /** From Orthanc's {@code /studies/{id}} (or an expanded {@code /tools/find} answer). */
    public static StudyFacts ofOrthanc(JsonNode study) {
        JsonNode main = study.path("MainDicomTags");
        JsonNode patient = study.path("PatientMainDicomTags");
        Map<StudyTag, String> values = new EnumMap<>(StudyTag.class);
        for (StudyTag t : StudyTag.values()) {
            JsonNode v = main.has(t.keyword()) ? main.get(t.keyword()) : patient.get(t.keyword());
            if (v != null && v.isTextual()) {
                values.put(t, v.asText());
            }
        }
        return new StudyFacts(main.path("StudyInstanceUID").asText(""), values);
    }

    /** From one dataset of a QIDO-RS answer (DICOM JSON: values under their tag, names as Alphabetic). */
    public static StudyFacts ofDicomJson(JsonNode dataset) {
        Map<StudyTag, String> values = new EnumMap<>(StudyTag.class);
        for (StudyTag t : StudyTag.values()) {
            String v = firstValue(dataset.path(t.hex()));
            if (v != null) {
                values.put(t, v);
            }
        }
        String uid = firstValue(dataset.path("0020000D"));
        return new StudyFacts(uid == null ? "" : uid, values);
    }

    private static String firstValue(JsonNode element) {
        JsonNode values = element.path("Value");
        if (!values.isArray() || values.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode v : values) {
            String one = v.isObject() ? v.path("Alphabetic").asText("") : v.asText("");
            joined.append(joined.length() == 0 ? "" : "\\").append(one);
        }
        return joined.toString();
    }
}
