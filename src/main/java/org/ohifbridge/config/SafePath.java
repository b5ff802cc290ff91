package org.ohifbridge.config;

import java.util.regex.Pattern;

/**
 * The syntax of a public path that the WAR writes into pages and headers without quoting: absolute, made of
 * unreserved characters and percent-escapes, without dot segments. Used for the RouterBasename setting and for a
 * trusted proxy's {@code X-Forwarded-Prefix}.
 */
public final class SafePath {
    private static final Pattern SYNTAX = Pattern.compile("(/[A-Za-z0-9._~%-]+)*/?");

    private SafePath() {
    }

    /** True for {@code /}, {@code /pacs}, {@code /imaging/demo/ohif/}; false for anything relative or with dot segments. */
    public static boolean isSafe(String path) {
        return path.startsWith("/") && SYNTAX.matcher(path).matches() && !path.contains("/../")
                && !path.contains("/./") && !path.endsWith("/..") && !path.endsWith("/.");
    }
}
