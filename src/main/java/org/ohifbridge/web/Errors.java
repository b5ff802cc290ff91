package org.ohifbridge.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

final class Errors {
    private Errors() {
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(new ErrorBody(status, message)).build();
    }
}
