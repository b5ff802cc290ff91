package org.ohifbridge.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ohifbridge.orthanc.OrthancClient;

/** {@code curl {ctx}/health}: 200 {"status":"UP","orthanc":"UP"}, or 503 when Orthanc cannot be reached. */
@Path("health")
@ApplicationScoped
public class HealthResource {
    public record Health(String status, String orthanc) {
    }

    @Inject
    OrthancClient orthanc;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean up = orthanc.isUp();
        return Response.status(up ? 200 : 503).header("Cache-Control", "no-store")
                .entity(new Health(up ? "UP" : "DEGRADED", up ? "UP" : "DOWN")).build();
    }
}
