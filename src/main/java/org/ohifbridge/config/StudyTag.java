package org.ohifbridge.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The study attributes an access rule may match: study- and patient-level tags that Orthanc 1.10 keeps in its index
 * (its "main DICOM tags", so a search on them reads no file), by their DICOM keyword.
 */
public enum StudyTag {
    INSTITUTION_NAME("InstitutionName", "00080080", false),
    REFERRING_PHYSICIAN_NAME("ReferringPhysicianName", "00080090", true),
    REQUESTING_PHYSICIAN("RequestingPhysician", "00321032", true),
    ACCESSION_NUMBER("AccessionNumber", "00080050", false),
    STUDY_DESCRIPTION("StudyDescription", "00081030", false),
    STUDY_ID("StudyID", "00200010", false),
    REQUESTED_PROCEDURE_DESCRIPTION("RequestedProcedureDescription", "00321060", false),
    PATIENT_ID("PatientID", "00100020", false);

    private final String keyword;
    private final String hex;
    private final boolean personName;

    StudyTag(String keyword, String hex, boolean personName) {
        this.keyword = keyword;
        this.hex = hex;
        this.personName = personName;
    }

    /** The DICOM keyword, as in the rules file and Orthanc's answers, e.g. {@code InstitutionName}. */
    public String keyword() {
        return keyword;
    }

    /** The tag as DICOM JSON and QIDO-RS name it, e.g. {@code 00080080}. */
    public String hex() {
        return hex;
    }

    /** A person name (PN): matched without regard to case, as Orthanc matches names by default. */
    public boolean personName() {
        return personName;
    }

    public static Optional<StudyTag> ofKeyword(String keyword) {
        return Arrays.stream(values()).filter(t -> t.keyword.equals(keyword)).findFirst();
    }

    public static String keywords() {
        return Arrays.stream(values()).map(StudyTag::keyword).collect(Collectors.joining(", "));
    }
}
