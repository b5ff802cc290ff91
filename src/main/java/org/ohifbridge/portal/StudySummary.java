package org.ohifbridge.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.ohifbridge.orthanc.OrthancIds;

/**
 * One study as the launcher and the chooser list it, from Orthanc's expanded study object ({@code GET /studies/{id}},
 * {@code /tools/find} with {@code Expand}). Text values are as stored (never trusted: the pages escape them); a study
 * whose id is not an Orthanc id is left out, since the id goes into URLs. Modalities and the instance count come from the study's series; -1 / empty until {@link #withSeries} adds them.
 */
public record StudySummary(String orthancId, String studyUid, String patientName, String patientId,
                           String patientBirthDate, String studyDate, String studyTime, String description,
                           String accessionNumber, List<String> modalities, int instances) {

    public static Optional<StudySummary> fromOrthanc(JsonNode study) {
        String id = study.path("ID").asText("");
        JsonNode tags = study.path("MainDicomTags");
        JsonNode patient = study.path("PatientMainDicomTags");
        String uid = tags.path("StudyInstanceUID").asText("");
        if (!OrthancIds.isValid(id) || uid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StudySummary(id, uid, patient.path("PatientName").asText(""),
                patient.path("PatientID").asText(""), patient.path("PatientBirthDate").asText(""),
                tags.path("StudyDate").asText(""), tags.path("StudyTime").asText(""),
                tags.path("StudyDescription").asText(""), tags.path("AccessionNumber").asText(""), List.of(), -1));
    }

    public StudySummary withSeries(List<String> modalities, int instances) {
        return new StudySummary(orthancId, studyUid, patientName, patientId, patientBirthDate, studyDate, studyTime,
                description, accessionNumber, List.copyOf(modalities), instances);
    }

    /**
     * Newest first: study date and time, as DICOM writes them (YYYYMMDD, HHMMSS), compare as text; a study without a
     * date sorts as the oldest.
     */
    public String sortKey() {
        return (studyDate.isEmpty() ? "00000000" : studyDate) + "T" + studyTime;
    }

    /** DICOM person name for people: "Family^Given^Middle^Prefix^Suffix" becomes "Family, Given Middle". */
    public static String displayName(String pn) {
        String alphabetic = pn.split("=", -1)[0];
        String[] parts = alphabetic.split("\\^", -1);
        String family = parts[0].trim();
        StringBuilder given = new StringBuilder();
        for (int i = 1; i < Math.min(parts.length, 3); i++) {
            if (!parts[i].isBlank()) {
                given.append(given.length() == 0 ? "" : " ").append(parts[i].trim());
            }
        }
        if (family.isEmpty()) {
            return given.toString();
        }
        return given.length() == 0 ? family : family + ", " + given;
    }

    /** YYYYMMDD as YYYY-MM-DD; anything else as it is. */
    public static String displayDate(String da) {
        return da.matches("\\d{8}") ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : da;
    }
}
