package org.ohifbridge.ohif;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks the {@code url=} parameter of a viewer link (OHIF's DICOM JSON data source fetches it, and OHIF
 * versions before 3.12.2 sent the user's token along: CVE-2026-12473). Only addresses on the page's own
 * origin are accepted: a relative reference such as the plugin's {@code ../studies/{id}/ohif-dicom-json}, an
 * absolute path, or an absolute URL naming this very host. Protocol-relative forms ({@code //host},
 * {@code /\host}) and other schemes are refused.
 */
public final class ViewerLinks {
    private ViewerLinks() {
    }

    /** @param requestHost the Host header the page was requested with (host[:port]) */
    public static boolean isSameOrigin(String url, String requestHost) {
        if (url == null || url.isEmpty() || url.length() > 2048) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\') {
                return false; // browsers strip or reinterpret these (e.g. "/\evil" means "//evil")
            }
        }
        if (url.startsWith("//")) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null) {
            return uri.getRawAuthority() == null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null
                && requestHost != null && uri.getRawAuthority().equalsIgnoreCase(requestHost)
                && uri.getRawUserInfo() == null;
    }
}
