package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app.bundle.1.js|text/javascript; charset=utf-8",
        "x/worker.MJS|text/javascript; charset=utf-8",
        "0ddf166f7a343eda.wasm|application/wasm",
        "app.bundle.css|text/css; charset=utf-8",
        "index.html|text/html; charset=utf-8",
        "manifest.json|application/json",
        "assets/favicon.ico|image/x-icon",
        "assets/a.png|image/png",
        "a34f9d1faa5f3315.woff2|font/woff2",
        "ohif-logo.svg|image/svg+xml",
        "assets/browserconfig.xml|application/xml",
        "x.map|application/octet-stream",
        "noext|application/octet-stream",
        "dir.v2/noext|application/octet-stream",
    })
    void byExtension(String path, String type) {
        assertEquals(type, MimeTypes.of(path));
    }
}
