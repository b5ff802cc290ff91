package org.ohifbridge.proxy;

import java.util.List;

/**
 * Bounds the image Orthanc renders for WADO-RS {@code rendered} and {@code thumbnail}:
 * {@code viewport=vw,vh[,sx,sy,sw,sh]} (DICOM PS3.18 §8.3.5.1) makes Orthanc allocate a {@code vw × vh} image
 * ({@code Plugin/WadoRsRetrieveRendered.cpp}, {@code RenderingParameters}), so {@code viewport=100000,100000} would
 * ask it for tens of gigabytes. Each of
 * {@code vw} and {@code vh} above {@link #MAX_VIEWPORT} is rewritten to it rather than refused: the browser still gets
 * an image, as large as a screen can show. Everything else (the source region, a malformed value that Orthanc itself
 * refuses) is passed on as it is.
 */
public final class ViewportClamp {
    /** Pixels per side of a rendered image: a 4K screen's width; OHIF's thumbnails and previews are far smaller. */
    public static final int MAX_VIEWPORT = 4096;

    private ViewportClamp() {
    }

    /** @param query canonical ({@link QueryEncoding#canonical}), may be null */
    public static String apply(String query) {
        List<QueryParams.Param> params = QueryParams.parse(query);
        if (params.stream().noneMatch(p -> p.is("viewport") && needsClamp(p.value()))) {
            return query;
        }
        return QueryParams.join(QueryParams.map(params, "viewport",
                p -> new QueryParams.Param(p.rawName(), clamped(p.value()))));
    }

    private static boolean needsClamp(String value) {
        String[] v = value.split(",", -1);
        return tooLarge(v[0]) || v.length > 1 && tooLarge(v[1]);
    }

    private static boolean tooLarge(String size) {
        String digits = size.startsWith("+") ? size.substring(1) : size;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false; // empty means "the source's size"; anything else is Orthanc's to refuse
        }
        digits = digits.replaceFirst("^0+(?=.)", "");
        return digits.length() > 9 || Integer.parseInt(digits) > MAX_VIEWPORT;
    }

    private static String clamped(String value) {
        String[] v = value.split(",", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(i < 2 && tooLarge(v[i]) ? Integer.toString(MAX_VIEWPORT) : QueryEncoding.encode(v[i]));
        }
        return out.toString();
    }
}
