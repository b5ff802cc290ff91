package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditRoutesTest {
    static final String ID = "11111111-11111111-11111111-11111111-11111111";

    private static String of(String path) {
        Optional<AuditRoutes.Route> r = AuditRoutes.of(path);
        return r.map(x -> x.scope() + " " + x.kind() + " " + x.key()).orElse("none");
    }

    @Test
    void studyContentIsCountedPerStudy() {
        assertEquals("ORTHANC_STUDY document " + ID, of("/studies/" + ID + "/ohif-dicom-json"));
        assertEquals("ORTHANC_INSTANCE files " + ID, of("/instances/" + ID + "/file"));
        assertEquals("STUDY_UID metadata 1.2.3", of("/dicom-web/studies/1.2.3/metadata"));
        assertEquals("STUDY_UID metadata 1.2.3", of("/dicom-web/studies/1.2.3/series/1.4/metadata"));
        assertEquals("STUDY_UID frames 1.2.3", of("/dicom-web/studies/1.2.3/series/1.4/instances/1.5/frames/1,2"));
        assertEquals("STUDY_UID frames 1.2.3", of("/dicom-web/studies/1.2.3/series/1.4/instances/1.5/bulk/7fe00010"));
        assertEquals("STUDY_UID rendered 1.2.3", of("/dicom-web/studies/1.2.3/series/1.4/thumbnail"));
        assertEquals("STUDY_UID retrieve 1.2.3", of("/dicom-web/studies/1.2.3"));
        assertEquals("STUDY_UID retrieve 1.2.3", of("/dicom-web/studies/1.2.3/series/1.4/instances/1.5"));
        assertEquals("STUDY_UID query 1.2.3", of("/dicom-web/studies/1.2.3/series"));
        assertEquals("STUDY_UID query 1.2.3", of("/dicom-web/studies/1.2.3/series/1.4/instances"));
    }

    @Test
    void trailingSlashesAndLongUidsDoNotEscape() {
        assertEquals("ORTHANC_INSTANCE files " + ID, of("/instances/" + ID + "/file/"), "JAX-RS serves it too");
        assertEquals("ORTHANC_STUDY document " + ID, of("/studies/" + ID + "/ohif-dicom-json//"));
        assertEquals("LINK link ", of("/open/"));
        String longUid = "1." + "2".repeat(80);
        assertEquals("STUDY_UID metadata " + longUid, of("/dicom-web/studies/" + longUid + "/metadata"));
    }

    @Test
    void searchesLinksAndTheLauncherAreEventsOfTheirOwn() {
        assertEquals("SEARCH qido ", of("/dicom-web/studies"));
        assertEquals("SEARCH qido ", of("/dicom-web/series"));
        assertEquals("LINK link ", of("/open"));
        assertEquals("LAUNCHER launcher ", of("/"));
    }

    @Test
    void staticFilesAndHealthAreNotFollowed() {
        assertEquals("none", of("/ohif/viewer"));
        assertEquals("none", of("/ohif/app-config.js"));
        assertEquals("none", of("/health"));
        assertEquals("none", of("/studies/not-an-id/ohif-dicom-json"));
    }
}
