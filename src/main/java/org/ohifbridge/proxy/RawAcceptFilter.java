package org.ohifbridge.proxy;

import jakarta.enterprise.context.Dependent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * OHIF asks for frames with {@code Accept: multipart/related; type=application/octet-stream; transfer-syntax=*}
 * (unquoted, {@code omitQuotationForMultipartRequest}), which Jersey's strict header parser rejects with a bare
 * 400 before any resource runs. For the proxied routes the Accept header is meant for Orthanc, not for JAX-RS
 * negotiation: this filter keeps the browser's value in a request attribute for the proxy and shows Jersey
 * {@code *}{@code /*}. Registered by {@code web.BridgeStartup} on {@code /dicom-web/*} and {@code /instances/*}.
 */
@Dependent
public class RawAcceptFilter extends HttpFilter {
    public static final String ORIGINAL_ACCEPT = RawAcceptFilter.class.getName() + ".accept";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ORIGINAL_ACCEPT, accept);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "Accept".equalsIgnoreCase(name) ? "*/*" : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of("*/*"))
                        : super.getHeaders(name);
            }
        }, response);
    }

    /** A request header as the browser sent it. */
    public static String header(HttpServletRequest request, String name) {
        if ("Accept".equalsIgnoreCase(name)) {
            Object original = request.getAttribute(ORIGINAL_ACCEPT);
            return original == null ? request.getHeader(name) : original.toString();
        }
        return request.getHeader(name);
    }
}
