package org.ohifbridge.ohif;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the raw (still percent-encoded) path below {@code {ctx}/ohif/} into the name of a file of the OHIF
 * build, or nothing. Anything that could step outside the build or means two things is refused: dot
 * segments, empty segments, backslashes, encoded slashes, encoded percent signs (double encoding), control
 * characters and malformed escapes. The result is then looked up in the build's manifest, which is the
 * final allow-list.
 */
public final class AssetPaths {
    private AssetPaths() {
    }

    public static Optional<String> normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.length() > 1024 || rawPath.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        Optional<String> decoded = decode(rawPath);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String path = decoded.get();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '%' || c == ':') {
                return Optional.empty();
            }
        }
        return Optional.of(path);
    }

    /** Percent-decoding, once, strictly: "%2f" (a slash inside a segment) and bad escapes are refused. */
    static Optional<String> decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                int b = hi * 16 + lo;
                if (b == '/' || b == '\\' || b == '%' || b == '.') {
                    return Optional.empty();
                }
                bytes.write(b);
                i += 2;
            } else if (c > 0x7e) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * What a request's URI holds below {@code {ctx}/ohif}: "" for {@code {ctx}/ohif} itself, {@code /viewer} for
     * {@code {ctx}/ohif/viewer}; empty when the URI does not start there (a container that matched a URI it did not
     * normalise: never guess).
     */
    public static Optional<String> belowOhif(String requestUri, String contextPath) {
        String ohifPath = contextPath + "/ohif";
        return requestUri.startsWith(ohifPath) ? Optional.of(requestUri.substring(ohifPath.length())) : Optional.empty();
    }

    /**
     * An OHIF client route (viewer, tmtv, segmentation, microscopy, any future mode, or the study list):
     * the path has no file extension in its last segment. Such paths get index.html; paths with an
     * extension are files and get 404 when missing.
     */
    public static boolean isClientRoute(String rawPath) {
        if (rawPath.isEmpty()) {
            return true;
        }
        if (rawPath.indexOf('%') >= 0 || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        String last = rawPath.substring(rawPath.lastIndexOf('/') + 1);
        return last.indexOf('.') < 0 && !rawPath.contains("//");
    }
}
