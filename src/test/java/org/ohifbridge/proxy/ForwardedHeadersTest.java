package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
    @Test
    void onlyTheAllowListCrosses() {
        Map<String, String> browser = Map.of(
                "Accept", "multipart/related; type=application/octet-stream; transfer-syntax=*",
                "Range", "bytes=0-10", "If-None-Match", "\"x\"",
                "Authorization", "Bearer eyJ.secret", "Cookie", "JSESSIONID=1", "Host", "evil.example",
                "X-Forwarded-For", "1.2.3.4", "Accept-Encoding", "gzip", "Forwarded", "host=evil");
        MultivaluedMap<String, Object> out = ForwardedHeaders.request(browser::get);
        assertEquals(Set.of("Accept", "Range", "If-None-Match"), out.keySet());
        assertEquals("multipart/related; type=application/octet-stream; transfer-syntax=*", out.getFirst("Accept"));
    }

    @Test
    void headerInjectionIsDropped() {
        MultivaluedMap<String, Object> out = ForwardedHeaders.request(Map.of("Accept", "a\r\nX-Evil: 1")::get);
        assertEquals(Set.of(), out.keySet());
    }

    @Test
    void documentsAreRewrittenBinariesAreNot() {
        org.junit.jupiter.api.Assertions.assertTrue(UpstreamBody.isDocument("application/dicom+json"));
        org.junit.jupiter.api.Assertions.assertTrue(UpstreamBody.isDocument("application/json; charset=utf-8"));
        org.junit.jupiter.api.Assertions.assertTrue(UpstreamBody.isDocument("application/dicom+xml"));
        org.junit.jupiter.api.Assertions.assertFalse(UpstreamBody.isDocument(
                "multipart/related; type=\"application/dicom+xml\"; boundary=x"));
        org.junit.jupiter.api.Assertions.assertFalse(UpstreamBody.isDocument("application/dicom"));
        org.junit.jupiter.api.Assertions.assertFalse(UpstreamBody.isDocument(null));
    }
}
