package org.ohifbridge.http;

import java.util.Locale;

/** Reads an Accept-Encoding header: does the client take gzip (honouring q=0 and "*")? */
public final class AcceptEncoding {
    private AcceptEncoding() {
    }

    public static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean star = null;
        for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim();
            boolean allowed = true;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(param.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                star = allowed;
            }
        }
        return Boolean.TRUE.equals(star);
    }
}
