package org.ohifbridge.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ohifbridge.cluster.Leadership;
import org.ohifbridge.preload.BackfillService;

/**
 * Admin actions: {@code curl -u admin:… -X POST {ctx}/admin/backfill}. {@link org.ohifbridge.security.SignOnFilter}
 * lets only users with the admin role (setting AdminRole) reach them, and refuses requests sent by another site's page.
 */
@Path("admin")
@ApplicationScoped
public class AdminResource {
    private final BackfillService backfill;
    private final Leadership leadership;

    /** For CDI's client proxy only. */
    protected AdminResource() {
        this.backfill = null;
        this.leadership = null;
    }

    @Inject
    public AdminResource(BackfillService backfill, Leadership leadership) {
        this.backfill = backfill;
        this.leadership = leadership;
    }

    /**
     * Starts a backfill pass over every instance (a running one continues): 202 with its status; 409 when the
     * deployment serves DICOMweb (no metadata 4202 to fill), or when another replica runs the background work (send
     * it again: a load balancer reaches that replica sooner or later).
     */
    @POST
    @Path("backfill")
    @Produces(MediaType.APPLICATION_JSON)
    public Response startBackfill() {
        if (!backfill.enabled()) {
            // metadata 4202 serves the DICOM JSON data source only; with dicom-web there is nothing to fill
            throw new ClientErrorException("backfill runs only with DataSource=dicom-json", Response.Status.CONFLICT);
        }
        if (!leadership.leader()) {
            throw new ClientErrorException("another replica runs the background work (this one is a standby); "
                    + "send the request again", Response.Status.CONFLICT);
        }
        return Response.accepted(backfill.start()).header("Cache-Control", "no-store").build();
    }
}
