package org.ohifbridge.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ohifbridge.Json;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;

/**
 * The public probes, a servlet of their own so that the container's sign-on constraint (on the JAX-RS servlet) leaves
 * them out; none tells more than up or down, no patient data:
 * <ul>
 *   <li>{@code {ctx}/health}: 200 {@code {"status":"UP","orthanc":"UP"}}, or 503 when Orthanc cannot be reached (as
 *       before the probes below existed);</li>
 *   <li>{@code {ctx}/health/live}: 200 {@code {"status":"UP"}} whenever the WAR answers at all; no Orthanc call (a
 *       liveness probe must not restart the server because the archive is down);</li>
 *   <li>{@code {ctx}/health/ready}: 200 when Orthanc answers (and, in {@code oidc} mode, the sign-on provider), else
 *       503; {@code "status":"DEGRADED"} with 200 when the data folder cannot be written (the WAR serves, the preload
 *       keeps its position in memory).</li>
 * </ul>
 * Probes are cached for a second and a half ({@link HealthProbe}).
 */
public final class HealthServlet extends HttpServlet {
    /** {@code health}'s answer. */
    public record Health(String status, String orthanc) {
    }

    private final transient HealthProbe probe;
    private final transient PreloadService preload;
    private final transient BackfillService backfill;

    HealthServlet(HealthProbe probe, PreloadService preload, BackfillService backfill) {
        this.probe = probe;
        this.preload = preload;
        this.backfill = backfill;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        switch (path) {
            case "/health/live" -> write(response, 200, Map.of("status", "UP"));
            case "/health/ready" -> ready(response);
            default -> {
                boolean up = probe.current().orthanc();
                write(response, up ? 200 : 503, new Health(up ? "UP" : "DEGRADED", up ? "UP" : "DOWN"));
            }
        }
    }

    private void ready(HttpServletResponse response) throws IOException {
        HealthProbe.Result r = probe.current();
        boolean writable = !preload.degraded() && !backfill.degraded();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", !r.up() ? "DOWN" : writable ? "UP" : "DEGRADED");
        body.put("orthanc", r.orthanc() ? "UP" : "DOWN");
        r.signOn().ifPresent(up -> body.put("signOn", up ? "UP" : "DOWN"));
        body.put("dataFolder", writable ? "writable" : "not writable");
        write(response, r.up() ? 200 : 503, body);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        Json.MAPPER.writeValue(response.getOutputStream(), body);
    }
}
