package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenRequestTest {
    private static OpenRequest parse(String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
            raw.append(nameValues[i]).append('=').append(nameValues[i + 1]).append('&');
        }
        return OpenRequest.parse(raw.toString(), params);
    }

    private static String refused(String... nameValues) {
        return assertThrows(LinkException.class, () -> parse(nameValues)).getMessage();
    }

    @Test
    void eachIdentifierAloneWithTheDefaultMode() {
        OpenRequest a = parse("AccessionNumber", "ACC7001");
        assertEquals(Map.of("AccessionNumber", "ACC7001"), a.attributes());
        assertEquals(List.of(), a.studyUids());
        assertEquals(ViewerMode.VIEWER, a.mode());
        assertEquals(Map.of("PatientID", "PAT 1"), parse("PatientID", " PAT 1 ").attributes());
        assertEquals(List.of("1.2.840.1"), parse("StudyInstanceUID", "1.2.840.1").studyUids());
    }

    @Test
    void namesInAnyCaseOhifsPluralSeveralUidsAndModes() {
        OpenRequest r = parse("studyinstanceuids", "1.2.3, 1.2.4,1.2.3", "MODE", "MPR", "utm_source", "portal");
        assertEquals(List.of("1.2.3", "1.2.4"), r.studyUids());
        assertEquals(ViewerMode.MPR, r.mode());
        assertEquals("StudyInstanceUID=1.2.3,1.2.4", r.describe());
        for (ViewerMode m : ViewerMode.values()) {
            assertEquals(m, parse("PatientID", "P", "mode", m.param()).mode());
        }
        OpenRequest both = parse("PatientID", "P1", "AccessionNumber", "A1");
        assertEquals("PatientID=P1 AccessionNumber=A1", both.describe());
    }

    @Test
    void aRefusedLinkIsDescribedWithoutThePortalsOwnParameters() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("PatientID", List.of("PORT*"));
        params.put("token", List.of("eyJsecret"));
        params.put("mode", List.of("x".repeat(150)));
        String d = OpenRequest.describeRefused(params);
        assertEquals("PatientID=PORT* mode=" + "x".repeat(100) + "…", d);
    }

    @Test
    void badLinksAreRefusedWithAReason() {
        assertTrue(refused().contains("names no study"));
        assertTrue(refused("mode", "viewer").contains("names no study"));
        assertTrue(refused("PatientID", "12*").contains("wildcards"));
        assertTrue(refused("AccessionNumber", "A?").contains("wildcards"));
        assertTrue(refused("PatientID", "A\\B").contains("wildcards"));
        assertTrue(refused("PatientID", "").contains("empty"));
        assertTrue(refused("PatientID", "x".repeat(65)).contains("longer than 64"));
        assertTrue(refused("PatientID", "a\nb").contains("control"));
        assertTrue(refused("PatientID", "a", "patientid", "b").contains("more than once"));
        assertTrue(refused("StudyInstanceUID", "1.2", "StudyInstanceUIDs", "1.3").contains("more than once"));
        assertTrue(refused("StudyInstanceUID", "1.2.abc").contains("DICOM UIDs"));
        assertTrue(refused("StudyInstanceUID", "1..2").contains("DICOM UIDs"));
        assertTrue(refused("StudyInstanceUID", "1.2,").contains("DICOM UIDs"));
        assertTrue(refused("StudyInstanceUID", "1." + "2".repeat(63)).contains("DICOM UIDs"));
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= OpenRequest.MAX_UIDS + 1; i++) {
            many.append(many.length() == 0 ? "" : ",").append("1.2.").append(i);
        }
        assertTrue(refused("StudyInstanceUID", many.toString()).contains("at most 20"));
        assertTrue(refused("PatientID", "P", "mode", "cine").contains("viewer, mpr, tmtv, segmentation, microscopy"));
        assertTrue(assertThrows(LinkException.class, () -> OpenRequest.parse("x".repeat(4097),
                Map.of("PatientID", List.of("P")))).getMessage().contains("too long"));
    }
}
