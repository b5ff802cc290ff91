package org.ohifbridge.http;

/** Conditional GET: does an If-None-Match header name this strong ETag? */
public final class ETags {
    private ETags() {
    }

    /** True when {@code ifNoneMatch} lists {@code etag} (weak or strong form) or is "*": answer 304. */
    public static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
