package org.ohifbridge.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** A resource that answers every GET and POST with its method and path: where a filter under test lets requests through. */
@Path("")
public class Echo {
    @GET
    @Path("{any: .*}")
    @Produces("text/plain")
    public String get(@Context UriInfo uri) {
        return "GET /" + uri.getPath();
    }

    @POST
    @Path("{any: .*}")
    @Produces("text/plain")
    public String post(@Context UriInfo uri) {
        return "POST /" + uri.getPath();
    }
}
