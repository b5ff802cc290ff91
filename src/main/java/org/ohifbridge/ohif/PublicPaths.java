package org.ohifbridge.ohif;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the browser sees the WAR: the viewer's base ({@code routerBasename}, where index.html and the assets
 * live) and the public root that holds {@code dicom-web/}, {@code instances/} and {@code studies/}, as the
 * plugin's relative {@code ../dicom-web} implies. Order: the RouterBasename setting; else the request's
 * context path + {@code /ohif/}, prefixed by {@code X-Forwarded-Prefix} only when the request comes from a
 * trusted proxy.
 */
public final class PublicPaths {
    public static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";
    private static final Pattern SAFE_PREFIX = Pattern.compile("(/[A-Za-z0-9._~%-]+)*/?");

    /** @param ohif ends with "/ohif/" unless configured otherwise; @param root the directory above it */
    public record Base(String ohif, String root) {
        public String dicomWeb() {
            return root + "dicom-web";
        }
    }

    private final Optional<String> routerBasename;
    private final Set<String> trustedProxies;

    public PublicPaths(Optional<String> routerBasename, Set<String> trustedProxies) {
        this.routerBasename = routerBasename;
        this.trustedProxies = trustedProxies;
    }

    public Base resolve(String contextPath, String remoteAddr, String forwardedPrefix) {
        String ohif = routerBasename.orElseGet(() -> prefix(remoteAddr, forwardedPrefix) + contextPath + "/ohif/");
        return new Base(ohif, parent(ohif));
    }

    private String prefix(String remoteAddr, String header) {
        if (header == null || remoteAddr == null || !trustedProxies.contains(remoteAddr)) {
            return "";
        }
        String h = header.trim();
        if (!SAFE_PREFIX.matcher(h).matches() || h.contains("/../") || h.endsWith("/..") || h.contains("/./")
                || h.endsWith("/.")) {
            return "";
        }
        return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
    }

    static String parent(String dir) {
        int cut = dir.lastIndexOf('/', dir.length() - 2);
        return cut < 0 ? "/" : dir.substring(0, cut + 1);
    }
}
