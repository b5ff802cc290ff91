package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

class UpstreamQueryTest {
    @Test
    void eachRouteGetsItsBound() {
        assertEquals("limit=1000", UpstreamQuery.of("studies", null));
        assertEquals("limit=1000", UpstreamQuery.of("series", ""));
        assertEquals("Modality=CT&limit=1000", UpstreamQuery.of("instances", "Modality=CT"));
        assertEquals("includefield=0008103E&includefield=00080021&limit=50000",
                UpstreamQuery.of("studies/1.2/series", "includefield=0008103E%2C00080021"));
        assertEquals("limit=50000", UpstreamQuery.of("studies/1.2/instances", null));
        assertEquals("limit=1&includefield=00280008", UpstreamQuery.of("studies/1.2/series/1.3/instances",
                "limit=1&includefield=00280008"));
        assertEquals("viewport=4096,4096", UpstreamQuery.of("studies/1.2/series/1.3/instances/1.4/frames/1/rendered",
                "viewport=9999,9999"));
        assertEquals("viewport=4096,4096", UpstreamQuery.of("studies/1.2/thumbnail", "viewport=9999,9999"));
    }

    @Test
    void retrievalsAreNotSearches() {
        assertEquals(null, UpstreamQuery.of("studies/1.2/metadata", null));
        assertEquals("limit=0&viewport=9999,9999", UpstreamQuery.of("studies/1.2/series/1.3", "limit=0&viewport=9999,9999"));
        assertEquals("a=%7C", UpstreamQuery.of("studies/1.2/series/1.3/instances/1.4/frames/1", "a=|"));
    }

    @Test
    void aQueryLongerThanTheCapIsRefusedBeforeAnyWork() {
        String atTheCap = "PatientName=" + "A".repeat(UpstreamQuery.MAX_QUERY_CHARS - "PatientName=".length());
        assertEquals(atTheCap + "&limit=1000", UpstreamQuery.of("studies", atTheCap));
        BadRequestException e = assertThrows(BadRequestException.class, () -> UpstreamQuery.of("studies", atTheCap + "A"));
        assertEquals("query too long (at most 8192 characters)", e.getMessage());
        assertThrows(BadRequestException.class, () -> UpstreamQuery.of("studies/1.2/metadata", atTheCap + "%"),
                "every route");
    }
}
