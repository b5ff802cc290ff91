package org.ohifbridge.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteFamilyTest {
    @Test
    void everyRouteHasAFamilyAndNoIdReachesALabel() {
        String uid = "1.2.840.113619.2.55.3";
        assertEquals("dicom-web-frames", RouteFamily.of("/dicom-web/studies/" + uid + "/series/1.2/instances/1.3/frames/1"));
        assertEquals("dicom-web-rendered", RouteFamily.of("/dicom-web/studies/" + uid + "/series/1.2/rendered"));
        assertEquals("dicom-web-rendered", RouteFamily.of("/dicom-web/studies/" + uid + "/series/1.2/thumbnail"));
        assertEquals("dicom-web-metadata", RouteFamily.of("/dicom-web/studies/" + uid + "/series/1.2/metadata"));
        assertEquals("dicom-web-bulk", RouteFamily.of("/dicom-web/studies/" + uid + "/bulk/00420011"));
        assertEquals("dicom-web-search", RouteFamily.of("/dicom-web/studies"));
        assertEquals("dicom-web-search", RouteFamily.of("/dicom-web/studies/" + uid + "/series"));
        assertEquals("dicom-web-other", RouteFamily.of("/dicom-web/studies/" + uid));
        assertEquals("study-json", RouteFamily.of("/studies/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/ohif-dicom-json"));
        assertEquals("file", RouteFamily.of("/instances/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/file"));
        assertEquals("ohif", RouteFamily.of("/ohif/viewer"));
        assertEquals("ohif", RouteFamily.of("/ohif"));
        assertEquals("launcher", RouteFamily.of("/"));
        assertEquals("launcher", RouteFamily.of("/open"));
        assertEquals("health", RouteFamily.of("/health/ready"));
        assertEquals("admin", RouteFamily.of("/admin/backfill"));
        assertEquals("admin", RouteFamily.of("/preload/status"));
        assertEquals("metrics", RouteFamily.of("/metrics"));
        assertEquals("sign-on", RouteFamily.of("/callback"));
        assertEquals("other", RouteFamily.of("/studies/x/other"));
        assertEquals("other", RouteFamily.of("/" + uid));
    }
}
