package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.testing.FakeOhifBuild;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.TestSettings;

/** Everything under {ctx}/ohif in-process: the page filter and the asset resource, as BridgeStartup registers them. */
class OhifPageFilterTest {
    InProcessServer server;

    @BeforeEach
    void start() {
        Settings settings = TestSettings.of("TrustedProxies", "127.0.0.1");
        PublicPaths paths = new PublicPaths(settings);
        server = InProcessServer.at("/pacs").docBase(FakeOhifBuild.warFolder())
                .filter(ctx -> new OhifPageFilter(new OhifPages(new OhifDist(ctx), settings), paths), "/ohif", "/ohif/*")
                .resources(ctx -> List.of(new OhifAssetResource(new OhifDist(ctx))))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertIsolated(HttpResponse<?> r) {
        assertEquals("require-corp", header(r, "Cross-Origin-Embedder-Policy"));
        assertEquals("same-origin", header(r, "Cross-Origin-Opener-Policy"));
        assertEquals("nosniff", header(r, "X-Content-Type-Options"));
    }

    @Test
    void theBareFolderRedirectsWithItsQuery() throws Exception {
        HttpResponse<byte[]> r = server.get("ohif?StudyInstanceUIDs=1.2");
        assertEquals(302, r.statusCode());
        assertEquals("/pacs/ohif/?StudyInstanceUIDs=1.2", header(r, "Location"));
        assertIsolated(r);
    }

    @Test
    void everyClientRouteGetsIndexRenderedForTheBasePathThenRevalidates() throws Exception {
        HttpResponse<byte[]> r = server.get("ohif/viewer?StudyInstanceUIDs=1.2");
        assertEquals(200, r.statusCode());
        assertTrue(text(r).contains("window.PUBLIC_URL=\"/pacs/ohif/\";"), text(r));
        assertTrue(text(r).contains("src=\"/pacs/ohif/app-config.js\""));
        assertEquals("connect-src 'self' blob: data:; frame-ancestors 'self'", header(r, "Content-Security-Policy"));
        assertEquals("no-cache", header(r, "Cache-Control"));
        assertIsolated(r);
        HttpResponse<byte[]> again = server.get("ohif/segmentation", "If-None-Match", header(r, "ETag"));
        assertEquals(304, again.statusCode(), "every route is the same page");
        assertEquals("gzip", header(server.get("ohif/", "Accept-Encoding", "gzip"), "Content-Encoding"));
    }

    @Test
    void appConfigPointsAtThisWarsDicomWeb() throws Exception {
        HttpResponse<byte[]> r = server.get("ohif/app-config.js");
        assertEquals(200, r.statusCode());
        assertEquals("text/javascript;charset=utf-8", header(r, "Content-Type").replace(" ", ""));
        assertTrue(text(r).contains("window.config.routerBasename = '/pacs/ohif/';"), text(r));
        assertTrue(text(r).contains("qidoRoot: '/pacs/dicom-web'"));
        assertEquals(null, header(r, "Content-Security-Policy"), "a script, not a page");
    }

    @Test
    void aTrustedProxysPrefixComesFirst() throws Exception {
        HttpResponse<byte[]> r = server.get("ohif/viewer", "X-Forwarded-Prefix", "/imaging");
        assertTrue(text(r).contains("window.PUBLIC_URL=\"/imaging/pacs/ohif/\";"), text(r));
        assertTrue(text(server.get("ohif/app-config.js", "X-Forwarded-Prefix", "/imaging"))
                .contains("routerBasename = '/imaging/pacs/ohif/'"));
    }

    @Test
    void onlyGetAndHeadAndOnlyLinksToThisServer() throws Exception {
        HttpResponse<byte[]> post = server.send("POST", "ohif/viewer");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "Allow"));
        for (String evil : List.of("//evil.example/x", "https://evil.example/studies/x", "/\\evil.example")) {
            HttpResponse<byte[]> r = server.get("ohif/viewer?url=" + java.net.URLEncoder.encode(evil,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), evil);
            assertTrue(text(r).contains("ohif-bridge only opens studies from this server"), text(r));
        }
        assertEquals(200, server.get("ohif/viewer?url=../studies/x/ohif-dicom-json").statusCode());
        for (String name : List.of("URL", "Url", "u%72l", "uRl")) {
            assertEquals(400, server.get("ohif/viewer?" + name + "=https://evil.example/x").statusCode(), name);
        }
        assertEquals(400, server.get("ohif/viewer?url=../studies/x/ohif-dicom-json&URL=//evil.example/x").statusCode());
    }

    @Test
    void filesComeFromTheManifestOnly() throws Exception {
        HttpResponse<byte[]> gz = server.get("ohif/" + FakeOhifBuild.SCRIPT_NAME, "Accept-Encoding", "gzip");
        assertEquals(200, gz.statusCode());
        assertEquals("gzip", header(gz, "Content-Encoding"));
        assertEquals("public, max-age=31536000, immutable", header(gz, "Cache-Control"));
        HttpResponse<byte[]> plain = server.get("ohif/" + FakeOhifBuild.SCRIPT_NAME);
        assertEquals(FakeOhifBuild.SCRIPT, text(plain));
        assertIsolated(plain);
        for (String path : List.of("ohif/missing.js", "ohif/ohif-manifest.json", "ohif/%2e%2e/WEB-INF/web.xml")) {
            HttpResponse<byte[]> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(text(r).contains("assets"), path);
        }
        HttpResponse<byte[]> slash = server.get("ohif/..%2FWEB-INF%2Fohif%2Fohif-manifest.json");
        assertTrue(slash.statusCode() == 400 || slash.statusCode() == 404, "refused (Tomcat itself: 400)");
        assertFalse(text(slash).contains("assets"));
    }
}
