package org.ohifbridge.proxy;

import java.util.Locale;

/**
 * OHIF sends {@code includefield=00081030%2C00080060}; Orthanc's DICOMweb plugin 1.7 does not split an
 * encoded comma list and drops the whole field ("Unknown DICOM tag"), so study descriptions go missing.
 * This rewrites such a parameter into repeated ones ({@code includefield=00081030&includefield=00080060}),
 * leaving every other byte of the query as it was.
 */
public final class IncludeFieldSplitter {
    private IncludeFieldSplitter() {
    }

    public static String rewrite(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringBuilder out = new StringBuilder(rawQuery.length() + 32);
        for (String param : rawQuery.split("&", -1)) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (eq > 0 && name.toLowerCase(Locale.ROOT).equals("includefield")) {
                for (String value : param.substring(eq + 1).split("(?i),|%2C", -1)) {
                    if (!value.isEmpty()) {
                        append(out, name + "=" + value);
                    }
                }
            } else if (!param.isEmpty()) {
                append(out, param);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String param) {
        if (out.length() > 0) {
            out.append('&');
        }
        out.append(param);
    }
}
