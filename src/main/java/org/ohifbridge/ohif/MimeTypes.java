package org.ohifbridge.ohif;

import java.util.Locale;
import java.util.Map;

/**
 * Content types by file extension: the plugin's table (Orthanc's AutodetectMimeType), with JavaScript as
 * {@code text/javascript} for .js and .mjs (module scripts are refused under nosniff otherwise) and UTF-8
 * declared for text.
 */
public final class MimeTypes {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("jsonc", "application/json"),
            Map.entry("nmf", "application/json"),
            Map.entry("webapp", "application/x-web-app-manifest+json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("gz", "application/gzip"),
            Map.entry("zip", "application/zip"),
            Map.entry("dcm", "application/dicom"),
            Map.entry("stl", "model/stl"),
            Map.entry("obj", "model/obj"),
            Map.entry("mtl", "model/mtl"));

    private MimeTypes() {
    }

    public static String of(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return "application/octet-stream";
        }
        return TYPES.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
