package org.ohifbridge.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.ohifbridge.ohif.RequestBase;

/** {ctx}/ leads to the viewer's study list. */
@Path("")
@RequestScoped
public class RootResource {
    @Inject
    RequestBase requestBase;
    @Context
    HttpServletRequest request;

    @GET
    public Response root() {
        return Response.status(Response.Status.FOUND)
                .header("Location", requestBase.of(request).ohif())
                .build();
    }
}
