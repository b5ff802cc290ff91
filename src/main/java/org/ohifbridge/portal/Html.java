package org.ohifbridge.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for every value a page shows: text and attribute values, and query values inside links. */
public final class Html {
    private Html() {
    }

    /** For element text and quoted attribute values. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** A query value, percent-encoded (UTF-8; space as %20). */
    public static String query(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
