package org.ohifbridge.orthanc;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Adds the bridge's own Orthanc credentials (HTTP Basic) to every outbound request. */
final class OrthancAuthRequestFilter implements ClientRequestFilter {
    private final String header;

    OrthancAuthRequestFilter(String user, String password) {
        this.header = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
    }

    @Override
    public String toString() {
        return "OrthancAuthRequestFilter[****]";
    }
}
