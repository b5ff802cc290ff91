package org.ohifbridge.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.ohifbridge.access.EmergencyGrants;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.HtmlPages;
import org.ohifbridge.http.PublicPaths;

/**
 * {@code {ctx}/admin/emergency-access} (admin role): this replica's emergency grants, newest first (the latest
 * {@value #SHOWN}), for review. With a database, {@code admin/audit} finds every replica's {@code emergency-access}
 * events too.
 */
@Path("admin/emergency-access")
@ApplicationScoped
public class EmergencyReviewResource {
    static final int SHOWN = 1000;
    private final PublicPaths publicPaths;
    private final Settings settings;
    private final EmergencyGrants grants;

    /** For CDI's client proxy only. */
    protected EmergencyReviewResource() {
        this.publicPaths = null;
        this.settings = null;
        this.grants = null;
    }

    @Inject
    public EmergencyReviewResource(PublicPaths publicPaths, Settings settings, EmergencyGrants grants) {
        this.publicPaths = publicPaths;
        this.settings = settings;
        this.grants = grants;
    }

    @GET
    public Response review(@Context HttpServletRequest request) {
        PortalPages pages = PortalPages.of(publicPaths.of(request), settings.dataSource());
        return HtmlPages.page(200, pages.grants(grants.recent(SHOWN), Instant.now()))
                .header("Cache-Control", "no-store").build();
    }
}
