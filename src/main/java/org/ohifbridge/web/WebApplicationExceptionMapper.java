package org.ohifbridge.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.ohifbridge.http.JsonErrors;

/** JAX-RS's own errors (404 no route, 405, 400 …) as small JSON bodies. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        Response.ResponseBuilder r = Response.fromResponse(JsonErrors.response(status, reason(status, e)));
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            r.header("Allow", allow);
        }
        return r.build();
    }

    private static String reason(int status, WebApplicationException e) {
        return switch (status) {
            case 400 -> ours(e) ? e.getMessage() : "bad request";
            case 403 -> ours(e) ? e.getMessage() : "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable";
            case 409 -> ours(e) ? e.getMessage() : "conflict";
            default -> Response.Status.fromStatusCode(status) == null ? "error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Messages our resources give their 400/403/409s are meant for the client; Jersey's own start with "HTTP ". */
    private static boolean ours(WebApplicationException e) {
        String m = e.getMessage();
        return m != null && !m.isEmpty() && !m.startsWith("HTTP ") && m.length() <= 200;
    }
}
