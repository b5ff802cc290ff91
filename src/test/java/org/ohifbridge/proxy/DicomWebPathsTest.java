package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DicomWebPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "studies", "series", "instances", "studies/1.2.3", "studies/1.2.3/metadata", "studies/1.2.3/series",
        "studies/1.2.3/instances", "studies/1.2.3/rendered", "studies/1.2.3/thumbnail",
        "studies/1.2/series/1.3", "studies/1.2/series/1.3/metadata", "studies/1.2/series/1.3/instances",
        "studies/1.2/series/1.3/rendered", "studies/1.2/series/1.3/instances/1.4",
        "studies/1.2/series/1.3/instances/1.4/metadata", "studies/1.2/series/1.3/instances/1.4/frames/1",
        "studies/1.2/series/1.3/instances/1.4/frames/1,2,3", "studies/1.2/series/1.3/instances/1.4/frames/7/rendered",
        "studies/1.2/series/1.3/instances/1.4/rendered", "studies/1.2/series/1.3/instances/1.4/thumbnail",
        "studies/1.2/series/1.3/instances/1.4/bulk/7fe00010", "studies/1.2/series/1.3/instances/1.4/bulk/0040A730/1/0040A160",
        "studies/0.0.0.0.2.8811.20010413115754.12432/series/0.0.0.0.3.8811.2.20010413115754.12432",
    })
    void whatOhifUses(String path) {
        assertTrue(DicomWebPaths.isAllowed(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "servers", "servers/x/stow", "info", "studies/", "studies/abc", "studies/1.2/../../system",
        "studies/1.2/series/1.3/instances/1.4/frames/", "studies/1.2/series/1.3/instances/1.4/frames/a",
        "studies/1.2/series/1.3/instances/1.4/bulk/../../x", "studies/1.2/series/1.3/instances/1.4/bulk",
        "studies/1.2/series/1.3/instances/1.4/metadata/x", "studies/1.2%2f..", "studies/1.2;x", "Studies",
        "studies/1..2", "studies/.1", "wado", "../system", "studies/1.2/series/1.3/instances/1.4/file",
    })
    void everythingElse(String path) {
        assertFalse(DicomWebPaths.isAllowed(path), path);
    }

    @ParameterizedTest
    @CsvSource({
        "//studies/1.2.3/series, studies/1.2.3/series",
        "/studies//1.2.3///series, studies/1.2.3/series",
        "studies/1.2/series//1.3/instances/1.4//frames/1, studies/1.2/series/1.3/instances/1.4/frames/1",
        "studies, studies",
    })
    void emptySegmentsCollapseAsInOrthanc(String raw, String collapsed) {
        assertEquals(collapsed, DicomWebPaths.collapseEmptySegments(raw));
        assertTrue(DicomWebPaths.isAllowed(DicomWebPaths.collapseEmptySegments(raw)), raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "studies//1.2//..//..//system", "studies/1.2//./series", "studies//1.2%2f..", "studies//1.2;x",
        "studies//1.2/series//%2e%2e", "studies//", "//", "studies/1.2//series/1.3//instances/1.4//file",
    })
    void collapsingNeverOpensTheAllowList(String raw) {
        assertFalse(DicomWebPaths.isAllowed(DicomWebPaths.collapseEmptySegments(raw)), raw);
    }

    @ParameterizedTest
    @CsvSource({
        "studies, true, false, false", "series, true, false, false", "instances, true, false, false",
        "studies/1.2/series, false, true, false", "studies/1.2/instances, false, true, false",
        "studies/1.2/series/1.3/instances, false, true, false", "studies/1.2, false, false, false",
        "studies/1.2/metadata, false, false, false", "studies/1.2/series/1.3, false, false, false",
        "studies/1.2/series/1.3/instances/1.4, false, false, false", "studies/1.2/rendered, false, false, true",
        "studies/1.2/series/1.3/instances/1.4/frames/1/thumbnail, false, false, true",
    })
    void searchesAndRenderings(String path, boolean archive, boolean inStudy, boolean rendered) {
        assertTrue(DicomWebPaths.isAllowed(path), path);
        assertEquals(archive, DicomWebPaths.isArchiveSearch(path), path);
        assertEquals(inStudy, DicomWebPaths.isStudySearch(path), path);
        assertEquals(rendered, DicomWebPaths.isRendered(path), path);
    }
}
