package org.ohifbridge.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The boundary of a multipart answer, read from its Content-Type. Orthanc writes
 * {@code multipart/related; type="application/octet-stream; transfer-syntax=…"; boundary=<uuid>-<uuid>} (Orthanc's core,
 * {@code OrthancFramework/Sources/HttpServer/HttpOutput.cpp}, {@code PrepareMultipartMainHeader}): the {@code type} is
 * quoted and holds a semicolon, so parameters are split with quotes honoured (RFC 9110 §5.6.6). The boundary must be
 * what RFC 2046 §5.1.1 allows (1 to 70 {@code bchars}); anything else is treated as no boundary at all, and the answer
 * then passes as it is.
 */
public final class MultipartBoundary {
    private static final int MAX_LENGTH = 70;

    private MultipartBoundary() {
    }

    /** The boundary of a {@code multipart/*} type; empty for any other type or a missing or unusable boundary. */
    public static Optional<String> of(String contentType) {
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        if (semicolon < 0) {
            return Optional.empty();
        }
        String boundary = null;
        for (String param : splitParameters(contentType.substring(semicolon + 1))) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                boundary = unquote(param.substring(eq + 1).trim());
            }
        }
        return boundary != null && isValid(boundary) ? Optional.of(boundary) : Optional.empty();
    }

    private static List<String> splitParameters(String params) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (quoted && c == '\\' && i + 1 < params.length()) {
                current.append(c).append(params.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    /** RFC 2046 §5.1.1: {@code boundary := 0*69<bchars> bcharsnospace}. */
    static boolean isValid(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_LENGTH || boundary.endsWith(" ")) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean bchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!bchar) {
                return false;
            }
        }
        return true;
    }
}
