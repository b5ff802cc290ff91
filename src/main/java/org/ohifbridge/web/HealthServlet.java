package org.ohifbridge.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ohifbridge.Json;
import org.ohifbridge.orthanc.OrthancApi;

/**
 * {@code curl {ctx}/health}: 200 {"status":"UP","orthanc":"UP"}, or 503 when Orthanc cannot be reached. The only
 * public route: a servlet of its own, so that the container's sign-on constraint (on the JAX-RS servlet) leaves it
 * out. It tells nothing but up or down.
 */
public final class HealthServlet extends HttpServlet {
    public record Health(String status, String orthanc) {
    }

    private final transient OrthancApi orthanc;

    public HealthServlet(OrthancApi orthanc) {
        this.orthanc = orthanc;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = orthanc.isUp();
        response.setStatus(up ? 200 : 503);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        Json.MAPPER.writeValue(response.getOutputStream(), new Health(up ? "UP" : "DEGRADED", up ? "UP" : "DOWN"));
    }
}
