package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AssetPathsTest {
    @ParameterizedTest
    @CsvSource({
        "app.bundle.0f6159c501addfe9.js, app.bundle.0f6159c501addfe9.js",
        "assets/favicon.ico, assets/favicon.ico",
        "dicom-microscopy-viewer/dicomMicroscopyViewer.min.js, dicom-microscopy-viewer/dicomMicroscopyViewer.min.js",
        "assets/a%20b.png, assets/a b.png",
    })
    void plainFileNames(String raw, String expected) {
        assertEquals(Optional.of(expected), AssetPaths.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "../WEB-INF/web.xml", "assets/../../x", "..", ".", "./index.html", "assets/./a.png",
        "%2e%2e/WEB-INF/web.xml", "%2E%2E/x", ".%2e/x", "..%2fWEB-INF", "assets%2fa.png", "..%5cweb.xml",
        "..\\web.xml", "assets\\a.png", "%252e%252e/x", "%25", "a%zz", "a%2", "a%00.js", "a\u0000.js",
        "assets//a.png", "/etc/passwd", "assets/", "c:/windows", "%c0%ae%c0%ae/x", "%e2%80%ae.js", "a\u00e9.js",
    })
    void traversalAndAmbiguityAreRefused(String raw) {
        Optional<String> p = AssetPaths.normalize(raw);
        assertTrue(p.isEmpty() || !p.get().contains("..") && !p.get().startsWith("/"), raw + " -> " + p);
        if (raw.contains("..") || raw.toLowerCase().contains("%2e") || raw.contains("%25") || raw.contains("\\")) {
            assertEquals(Optional.empty(), p, raw);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "viewer", "tmtv", "segmentation", "microscopy", "viewer/dicomweb", "a-future-mode"})
    void clientRoutes(String path) {
        assertTrue(AssetPaths.isClientRoute(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.js", "assets/missing.png", "viewer/x.css", "a%2e", "viewer//x", "..", "a\\b"})
    void filesAreNotClientRoutes(String path) {
        assertFalse(AssetPaths.isClientRoute(path));
    }
}
