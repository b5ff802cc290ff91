package org.ohifbridge.proxy;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.function.Function;

/**
 * Which headers cross the proxy. Requests: only what content negotiation, ranges and revalidation need;
 * never the browser's Authorization, Cookie or Host (Orthanc gets the bridge's own credentials instead).
 * Responses: only entity headers; hop-by-hop headers and Orthanc's own never reach the browser.
 */
public final class ForwardedHeaders {
    public static final List<String> REQUEST = List.of(
            "Accept", "Range", "If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range");
    public static final List<String> RESPONSE = List.of(
            "Content-Type", "Content-Length", "ETag", "Last-Modified", "Content-Range", "Accept-Ranges",
            "Content-Disposition", "Content-Location");

    private ForwardedHeaders() {
    }

    /** @param header reads one request header by name (e.g. HttpServletRequest::getHeader) */
    public static MultivaluedMap<String, Object> request(Function<String, String> header) {
        MultivaluedMap<String, Object> out = new MultivaluedHashMap<>();
        for (String name : REQUEST) {
            String v = header.apply(name);
            if (v != null && v.length() <= 8192 && v.chars().noneMatch(c -> c < 0x20 && c != '\t')) {
                out.putSingle(name, v);
            }
        }
        return out;
    }
}
