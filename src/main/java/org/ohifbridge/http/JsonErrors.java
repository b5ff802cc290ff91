package org.ohifbridge.http;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.ohifbridge.Json;

/** Error answers as a small JSON body ({@link ErrorBody}), never cached, never a stack trace. */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** For JAX-RS resources and exception mappers. */
    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(new ErrorBody(status, message)).build();
    }

    /** For filters and servlets. */
    public static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        Json.MAPPER.writeValue(response.getOutputStream(), new ErrorBody(status, message));
    }
}
