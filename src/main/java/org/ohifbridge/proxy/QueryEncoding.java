package org.ohifbridge.proxy;

import jakarta.ws.rs.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The browser's raw query string made fit to be sent on: every character that RFC 3986 §3.4 allows in a query
 * ({@code pchar / "/" / "?"}) and every well-formed {@code %XX} stays as it is; other printable ASCII characters that a
 * container may let through ({@code "<>[\]^`{|}} and space, e.g. with Tomcat's {@code relaxedQueryChars}) are
 * percent-encoded, which means the same to Orthanc, since it decodes every argument (its {@code Toolbox::UrlDecode});
 * {@code java.net.URI} refuses them raw, which made a 500 of such a request. What has no single meaning is refused with
 * 400: a {@code %} not followed by two hex digits (a literal per cent sign must be sent as {@code %25}), a control
 * character, and raw non-ASCII characters (their bytes depend on how the container decoded the request line; browsers
 * always percent-encode them). The messages never quote the query, which may hold a patient's name.
 */
public final class QueryEncoding {
    private static final String HEX = "0123456789ABCDEF";
    /** RFC 3986 unreserved, sub-delims, ":" "@" "/" "?": kept as they are in a query. */
    private static final String QUERY_CHARS = "-._~!$&'()*+,;=:@/?";

    private QueryEncoding() {
    }

    /**
     * @param raw the query as the container gives it ({@code getQueryString()}), may be null
     * @throws BadRequestException for a malformed escape, a control character or a raw non-ASCII character
     */
    public static String canonical(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = null; // made only when a character must change
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    throw new BadRequestException("malformed percent-escape in the query (send % as %25)");
                }
            } else if (c < 0x20 || c == 0x7F) {
                throw new BadRequestException("control character in the query");
            } else if (c > 0x7F) {
                throw new BadRequestException("non-ASCII character in the query (percent-encode it as UTF-8)");
            } else if (!isQueryChar(c)) {
                if (out == null) {
                    out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
                }
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
                continue;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? raw : out.toString();
    }

    /** A name or value of a canonical query decoded as Orthanc does: {@code %XX} as UTF-8 bytes, {@code +} as space. */
    public static String decode(String component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%' && i + 2 < component.length() && hex(component.charAt(i + 1)) >= 0
                    && hex(component.charAt(i + 2)) >= 0) {
                bytes.write(hex(component.charAt(i + 1)) << 4 | hex(component.charAt(i + 2)));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A name or value written for a query: RFC 3986 unreserved characters as they are, every other byte as %XX. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return out.toString();
    }

    private static boolean isQueryChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || QUERY_CHARS.indexOf(c) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = Character.toLowerCase(c);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
