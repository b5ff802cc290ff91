package org.ohifbridge.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.ohifbridge.config.SafePath;
import org.ohifbridge.config.Settings;

/**
 * Where the browser sees the WAR: the viewer's base ({@code routerBasename}) and the public root above it, as the
 * plugin's relative {@code ../dicom-web} implies. Order: the RouterBasename setting; else the request's context path +
 * {@code /ohif/}, prefixed by {@code X-Forwarded-Prefix} only when the request comes from a trusted proxy.
 */
@ApplicationScoped
public class PublicPaths {
    public static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private final Optional<String> routerBasename;
    private final Set<String> trustedProxies;

    /** For CDI's client proxy only. */
    protected PublicPaths() {
        this.routerBasename = Optional.empty();
        this.trustedProxies = Set.of();
    }

    @Inject
    public PublicPaths(Settings settings) {
        this.routerBasename = settings.routerBasename();
        this.trustedProxies = settings.trustedProxies();
    }

    public PublicBase of(HttpServletRequest request) {
        return resolve(request.getContextPath(), request.getRemoteAddr(), request.getHeader(FORWARDED_PREFIX));
    }

    public PublicBase resolve(String contextPath, String remoteAddr, String forwardedPrefix) {
        String ohif = routerBasename.orElseGet(() -> prefix(remoteAddr, forwardedPrefix) + contextPath + "/ohif/");
        return new PublicBase(ohif, parent(ohif));
    }

    private String prefix(String remoteAddr, String header) {
        if (header == null || remoteAddr == null || !trustedProxies.contains(remoteAddr)) {
            return "";
        }
        String h = header.trim();
        if (!SafePath.isSafe(h)) {
            return "";
        }
        return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
    }

    static String parent(String dir) {
        int cut = dir.lastIndexOf('/', dir.length() - 2);
        return cut < 0 ? "/" : dir.substring(0, cut + 1);
    }
}
