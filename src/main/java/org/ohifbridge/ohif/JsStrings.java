package org.ohifbridge.ohif;

/** Escaping for values placed into JavaScript string literals of the pages we render (HTML: {@code http.Html}). */
public final class JsStrings {
    private JsStrings() {
    }

    /**
     * A single-quoted JavaScript literal. Besides quotes and backslashes, '<', '>' and '&amp;' are escaped so the
     * text can never close a script element, and line terminators (including U+2028/2029) so it stays one
     * statement.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        b.append(escape(s));
        return b.append('\'').toString();
    }

    /** The inside of a JavaScript string literal (single or double quoted). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
