package org.ohifbridge.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * {@code {ctx}/metrics}: the deployment's metrics for Prometheus (text format 0.0.4). The sign-on filter lets only
 * users with the metrics role (setting MetricsRole) reach it.
 */
@Path("metrics")
@ApplicationScoped
public class MetricsResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final BridgeMetrics metrics;

    /** For CDI's client proxy only. */
    protected MetricsResource() {
        this.metrics = null;
    }

    @Inject
    public MetricsResource(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(CONTENT_TYPE)
    public Response scrape() {
        return Response.ok(metrics.scrape(), CONTENT_TYPE).header("Cache-Control", "no-store").build();
    }
}
