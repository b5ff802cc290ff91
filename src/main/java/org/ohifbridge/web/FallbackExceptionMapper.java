package org.ohifbridge.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.http.JsonErrors;

/** Anything unexpected: logged here with its stack trace, answered with a plain 500 and nothing more. */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        LOG.log(Level.SEVERE, "ohif-bridge: unexpected error", e);
        return JsonErrors.response(500, "internal error");
    }
}
