package org.ohifbridge.audit;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client's address for the audit: the connection's peer, unless that peer is a trusted proxy (setting
 * {@code TrustedProxies}); then the rightmost {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries
 * left of it were written by the client and prove nothing. Anything that is not an IP address is ignored.
 */
public final class ClientAddress {
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    public static String of(String remoteAddr, String forwardedFor, Set<String> trustedProxies) {
        if (remoteAddr == null || forwardedFor == null || !trustedProxies.contains(remoteAddr)) {
            return remoteAddr == null ? "" : remoteAddr;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = strip(hops[i].trim());
            if (!IP.matcher(hop).matches()) {
                return remoteAddr; // garbage: do not guess
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remoteAddr;
    }

    /** "[::1]:443" → "::1", "1.2.3.4:5" → "1.2.3.4". */
    private static String strip(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }
}
