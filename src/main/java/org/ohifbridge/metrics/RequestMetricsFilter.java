package org.ohifbridge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Times every request by route family and status ({@code ohifbridge_requests_seconds}), outside sign-on and the
 * audit so that refusals count too. The time is until the response is written (streamed bodies included).
 */
public final class RequestMetricsFilter implements Filter {
    private final MeterRegistry registry;

    public RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long t0 = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(req, res);
            status = response.getStatus();
        } finally {
            String path = request.getRequestURI().substring(Math.min(request.getContextPath().length(),
                    request.getRequestURI().length()));
            Timer.builder("ohifbridge.requests").description("Requests by route family and status")
                    .tag("family", RouteFamily.of(path)).tag("status", Integer.toString(status))
                    .register(registry).record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
