package org.ohifbridge.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.http.JsonErrors;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/** Orthanc failures: 404 (unknown), 502 (unreachable, failing, bad credentials), 504 (too slow), 4xx. */
@Provider
public class OrthancExceptionMapper implements ExceptionMapper<OrthancException> {
    private static final Logger LOG = Logger.getLogger(OrthancExceptionMapper.class.getName());

    @Override
    public Response toResponse(OrthancException e) {
        if (e instanceof OrthancNotFoundException) {
            return JsonErrors.response(404, "not found");
        }
        LOG.log(Level.WARNING, "ohif-bridge: {0}", e.getMessage());
        String message = switch (e.status()) {
            case 502 -> "Orthanc is unavailable";
            case 504 -> "Orthanc did not answer in time";
            default -> "Orthanc rejected the request";
        };
        return JsonErrors.response(e.status(), message);
    }
}
