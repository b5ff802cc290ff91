package org.ohifbridge.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.ohifbridge.ohif.RequestBase;

/** {ctx}/ leads to the viewer's study list. */
@Path("")
@ApplicationScoped
public class RootResource {
    @Inject
    RequestBase requestBase;

    @GET
    public Response root(@Context HttpServletRequest request) {
        return Response.status(Response.Status.FOUND)
                .header("Location", requestBase.of(request).ohif())
                .build();
    }
}
