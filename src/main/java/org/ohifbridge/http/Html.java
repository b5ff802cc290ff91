package org.ohifbridge.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The one HTML escaper of the WAR (element text and quoted attribute values), query values in links, a plain page. */
public final class Html {
    private Html() {
    }

    /** For element text and quoted attribute values: {@code & < > " '} escaped, control characters as spaces. */
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

    /** A bare page: the title as heading, then one paragraph of HTML the caller has escaped. */
    public static String page(String title, String paragraphHtml) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text(title)
                + "</title></head><body><h1>" + text(title) + "</h1><p>" + paragraphHtml + "</p></body></html>";
    }
}
