package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.DataSource;

class LinkResolverTest {
    static StudySummary study(String id, String uid, String patientId, String accession) {
        return new StudySummary(id, uid, "Doe^Jane", patientId, "19700101", "20240102", "101500", "CT HEAD",
                accession, List.of(), -1);
    }

    static final String ID1 = "11111111-11111111-11111111-11111111-11111111";
    static final String ID2 = "22222222-22222222-22222222-22222222-22222222";
    static final String ID3 = "33333333-33333333-33333333-33333333-33333333";
    static final List<StudySummary> ARCHIVE = List.of(study(ID1, "1.2.1", "P1", "A1"), study(ID2, "1.2.2", "P2", "A2"),
            study(ID3, "1.2.3", "P2", "A3"));

    /** Exact matching over the archive above, recording every query. */
    final List<Map<String, String>> queries = new ArrayList<>();
    final StudyFinder finder = (query, caseSensitive, limit) -> {
        assertTrue(caseSensitive, "a link's identifiers are matched exactly");
        queries.add(query);
        return ARCHIVE.stream().filter(s -> query.entrySet().stream().allMatch(e -> switch (e.getKey()) {
            case "StudyInstanceUID" -> s.studyUid().equals(e.getValue());
            case "PatientID" -> s.patientId().equals(e.getValue());
            case "AccessionNumber" -> s.accessionNumber().equals(e.getValue());
            default -> false;
        })).limit(limit).toList();
    };

    private static OpenRequest link(String name, String value, String mode) {
        return OpenRequest.parse("", Map.of(name, List.of(value), "mode", List.of(mode)));
    }

    private String outcome(OpenRequest r, DataSource source) {
        LinkResolver.Resolution res = LinkResolver.resolve(r, finder, 100);
        LinkResolver.Action a = LinkResolver.decide(r, res, source);
        return a == LinkResolver.Action.VIEWER ? LinkResolver.viewerUrl("/pacs/ohif/", r, res, source) : a.name();
    }

    @Test
    void oneMatchOpensTheViewerInThePluginsUrlForms() {
        assertEquals("/pacs/ohif/viewer?StudyInstanceUIDs=1.2.1", outcome(link("AccessionNumber", "A1", "viewer"), DataSource.DICOM_WEB));
        assertEquals("/pacs/ohif/viewer?url=../studies/" + ID1 + "/ohif-dicom-json",
                outcome(link("AccessionNumber", "A1", "viewer"), DataSource.DICOM_JSON));
        assertEquals("/pacs/ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&StudyInstanceUIDs=1.2.1",
                outcome(link("PatientID", "P1", "mpr"), DataSource.DICOM_WEB));
        assertEquals("/pacs/ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&url=../studies/" + ID1 + "/ohif-dicom-json",
                outcome(link("PatientID", "P1", "mpr"), DataSource.DICOM_JSON));
        assertEquals("/pacs/ohif/tmtv?StudyInstanceUIDs=1.2.1", outcome(link("StudyInstanceUID", "1.2.1", "tmtv"), DataSource.DICOM_WEB));
        assertEquals("/pacs/ohif/segmentation?url=../studies/" + ID1 + "/ohif-dicom-json",
                outcome(link("StudyInstanceUID", "1.2.1", "segmentation"), DataSource.DICOM_JSON));
        assertEquals("/pacs/ohif/microscopy?StudyInstanceUIDs=1.2.1", outcome(link("StudyInstanceUID", "1.2.1", "microscopy"), DataSource.DICOM_WEB));
        assertEquals(List.of(Map.of("StudyInstanceUID", "1.2.1")), queries.subList(queries.size() - 1, queries.size()));
    }

    @Test
    void severalMatchesChooseExceptUidsThatEachNameOneStudyInDicomWeb() {
        assertEquals("CHOOSER", outcome(link("PatientID", "P2", "viewer"), DataSource.DICOM_WEB));
        assertEquals("CHOOSER", outcome(link("PatientID", "P2", "viewer"), DataSource.DICOM_JSON));
        OpenRequest two = link("StudyInstanceUID", "1.2.2,1.2.3", "viewer");
        assertEquals("/pacs/ohif/viewer?StudyInstanceUIDs=1.2.2,1.2.3", outcome(two, DataSource.DICOM_WEB));
        assertEquals("CHOOSER", outcome(two, DataSource.DICOM_JSON), "the DICOM JSON source opens one study at a time");
    }

    @Test
    void theChooserKeepsTheNewestWhenThereAreTooMany() {
        StudyFinder oldestFirst = (query, caseSensitive, limit) -> List.of(
                new StudySummary(ID1, "1.1", "A", "P", "", "20200101", "", "", "", List.of(), -1),
                new StudySummary(ID2, "1.2", "A", "P", "", "", "", "", "", List.of(), -1),
                new StudySummary(ID3, "1.3", "A", "P", "", "20240101", "", "", "", List.of(), -1));
        LinkResolver.Resolution r = LinkResolver.resolve(link("PatientID", "P", "viewer"), oldestFirst, 2);
        assertTrue(r.truncated());
        assertEquals(List.of("1.3", "1.1"), r.studies().stream().map(StudySummary::studyUid).toList(),
                "newest first; the study without a date counts as the oldest");
    }

    @Test
    void uidsFromTheArchiveCannotAddParametersToTheViewerUrl() {
        StudySummary forged = new StudySummary(ID1, "1.2&url=//evil.example/x", "A", "P", "", "", "", "", "", List.of(), -1);
        assertEquals("/ohif/viewer?StudyInstanceUIDs=1.2%26url%3D%2F%2Fevil.example%2Fx",
                ViewerUrls.of("/ohif/", DataSource.DICOM_WEB, ViewerMode.VIEWER, forged));
    }

    @Test
    void nothingIsNotFoundAndSomeMissingUidsChoose() {
        assertEquals("NOT_FOUND", outcome(link("AccessionNumber", "NOPE", "viewer"), DataSource.DICOM_WEB));
        assertEquals("NOT_FOUND", outcome(link("StudyInstanceUID", "9.9", "viewer"), DataSource.DICOM_WEB));
        OpenRequest partly = link("StudyInstanceUID", "1.2.1,9.9", "viewer");
        LinkResolver.Resolution r = LinkResolver.resolve(partly, finder, 100);
        assertEquals(List.of("9.9"), r.missingUids());
        assertEquals("CHOOSER", outcome(partly, DataSource.DICOM_WEB));
    }

    @Test
    void identifiersNarrowEachUidAndTheLimitTruncates() {
        OpenRequest r = OpenRequest.parse("", Map.of("StudyInstanceUID", List.of("1.2.1"), "PatientID", List.of("P2")));
        assertEquals("NOT_FOUND", outcome(r, DataSource.DICOM_WEB), "the UID belongs to another patient");
        assertEquals(Map.of("PatientID", "P2", "StudyInstanceUID", "1.2.1"), queries.get(queries.size() - 1));
        LinkResolver.Resolution cut = LinkResolver.resolve(link("PatientID", "P2", "viewer"), finder, 1);
        assertTrue(cut.truncated());
        assertEquals(1, cut.studies().size());
        assertFalse(LinkResolver.resolve(link("PatientID", "P2", "viewer"), finder, 2).truncated());
    }
}
