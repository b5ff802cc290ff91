package org.ohifbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ohifbridge.testing.TestSettings;

class PublicPathsTest {
    private final PublicPaths open = new PublicPaths(TestSettings.of());
    private final PublicPaths proxied = new PublicPaths(TestSettings.of("TrustedProxies", "10.0.0.5"));

    @Test
    void contextPathDecides() {
        assertEquals(new PublicBase("/ohif/", "/"), open.resolve("", "1.2.3.4", null));
        assertEquals(new PublicBase("/pacs/ohif/", "/pacs/"), open.resolve("/pacs", "1.2.3.4", null));
        assertEquals("/pacs/dicom-web", open.resolve("/pacs", "1.2.3.4", null).dicomWeb());
    }

    @Test
    void forwardedPrefixOnlyFromTrustedProxies() {
        assertEquals("/pacs/ohif/", open.resolve("/pacs", "10.0.0.5", "/imaging").ohif());
        assertEquals("/pacs/ohif/", proxied.resolve("/pacs", "10.0.0.6", "/imaging").ohif());
        assertEquals(new PublicBase("/imaging/pacs/ohif/", "/imaging/pacs/"),
                proxied.resolve("/pacs", "10.0.0.5", "/imaging/"));
        for (String forged : new String[] {"imaging", "/a/../b", "/x\"y", "//evil.example", "/a b", "/<s>"}) {
            assertEquals("/pacs/ohif/", proxied.resolve("/pacs", "10.0.0.5", forged).ohif(), forged);
        }
    }

    @Test
    void explicitRouterBasenameWins() {
        PublicPaths explicit = new PublicPaths(TestSettings.of("RouterBasename", "/imaging/demo/ohif/",
                "TrustedProxies", "10.0.0.5"));
        assertEquals(new PublicBase("/imaging/demo/ohif/", "/imaging/demo/"),
                explicit.resolve("/pacs", "10.0.0.5", "/other"));
        assertEquals("/", PublicPaths.parent("/viewer/"));
    }
}
