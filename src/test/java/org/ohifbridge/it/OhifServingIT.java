package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Http;

/**
 * The OHIF part of the URL space, on a real Tomcat, with the same WAR deployed twice: as ROOT and under
 * {@code /pacs}. Both must work with no rebuild.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OhifServingIT {
    @Deployment(name = "root", testable = false)
    static WebArchive root() {
        return Deployments.war("ROOT.war", Deployments.orthanc(TestOrthanc.shared()));
    }

    @Deployment(name = "pacs", testable = false)
    static WebArchive pacs() {
        return Deployments.war("pacs.war", Deployments.orthanc(TestOrthanc.shared()));
    }

    @ArquillianResource
    @OperateOnDeployment("root")
    URL rootUrl;

    @ArquillianResource
    @OperateOnDeployment("pacs")
    URL pacsUrl;

    @Test
    void indexIsRenderedForEachContextPath() throws Exception {
        for (URL base : List.of(rootUrl, pacsUrl)) {
            String ctx = base.getPath(); // "/" or "/pacs/"
            HttpResponse<byte[]> r = Http.get(base, "ohif/");
            assertEquals(200, r.statusCode());
            assertEquals("text/html;charset=utf-8", Http.header(r, "Content-Type").replace(" ", ""));
            String html = Http.text(r);
            assertTrue(html.contains("src=\"" + ctx + "ohif/app-config.js\""), html);
            assertTrue(html.contains("window.PUBLIC_URL=\"" + ctx + "ohif/\""));
            assertFalse(Pattern.compile("(src|href)=\"/(?!pacs/ohif/|ohif/)").matcher(html).find(),
                    "a root-absolute URL outside the viewer is left in index.html");
            Matcher bundle = Pattern.compile("src=\"" + Pattern.quote(ctx) + "ohif/(app\\.bundle\\.[0-9a-f]+\\.js)\"")
                    .matcher(html);
            assertTrue(bundle.find());
            HttpResponse<byte[]> js = Http.get(base, "ohif/" + bundle.group(1));
            assertEquals(200, js.statusCode());
            assertTrue(Http.text(js).contains("document.currentScript"), "the runtime public path patch is in place");
        }
    }

    @Test
    void appConfigHasSystemOverridesForTheContextPath() throws Exception {
        HttpResponse<byte[]> r = Http.get(pacsUrl, "ohif/app-config.js");
        assertEquals(200, r.statusCode());
        assertTrue(Http.header(r, "Content-Type").startsWith("text/javascript"));
        String js = Http.text(r);
        int user = js.indexOf("window.config = {");
        int system = js.indexOf("window.config.routerBasename = '/pacs/ohif/';");
        assertTrue(user >= 0 && system > user, "user part first, then the system part");
        assertTrue(js.contains("qidoRoot: '/pacs/dicom-web'"));
        assertTrue(js.contains("wadoRoot: '/pacs/dicom-web'"));
        assertTrue(js.contains("window.config.defaultDataSourceName = 'dicomweb';"));
        assertTrue(Http.text(Http.get(rootUrl, "ohif/app-config.js")).contains("routerBasename = '/ohif/';"));
    }

    @Test
    void pagesRevalidateWithEtag() throws Exception {
        for (String page : List.of("ohif/app-config.js", "ohif/", "ohif/viewer")) {
            HttpResponse<byte[]> r = Http.get(pacsUrl, page);
            assertEquals("no-cache", Http.header(r, "Cache-Control"));
            String etag = Http.header(r, "ETag");
            assertNotNull(etag);
            HttpResponse<byte[]> again = Http.get(pacsUrl, page, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), page);
            assertEquals(0, again.body().length);
        }
    }

    @Test
    void ohifWithoutSlashRedirects() throws Exception {
        HttpResponse<byte[]> r = Http.get(pacsUrl, "ohif?x=1");
        assertEquals(302, r.statusCode());
        assertEquals("/pacs/ohif/?x=1", Http.header(r, "Location"));
        HttpResponse<byte[]> root = Http.get(rootUrl, "");
        assertEquals(200, root.statusCode(), "the root is the launcher");
        String launcher = Http.text(root);
        assertTrue(launcher.contains("<h1>Studies</h1>") && launcher.contains("href=\"/ohif/viewer?StudyInstanceUIDs="),
                launcher.length() > 600 ? launcher.substring(0, 600) : launcher);
    }

    @Test
    void everyExtensionlessRouteIsTheSpa() throws Exception {
        String index = Http.text(Http.get(pacsUrl, "ohif/"));
        for (String route : List.of("viewer", "tmtv", "segmentation", "microscopy", "viewer/dicomweb",
                "some-future-mode", "localbasic", "viewer?StudyInstanceUIDs=1.2.3")) {
            HttpResponse<byte[]> r = Http.get(pacsUrl, "ohif/" + route);
            assertEquals(200, r.statusCode(), route);
            assertEquals(index, Http.text(r), route);
        }
    }

    @Test
    void missingAssetIs404NotIndex() throws Exception {
        for (String path : List.of("ohif/nope.js", "ohif/assets/missing.png", "ohif/viewer/x.css", "ohif/app.bundle.css.map",
                "ohif/serve.json", "ohif/ohif-manifest.json.gz")) {
            HttpResponse<byte[]> r = Http.get(pacsUrl, path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(Http.text(r).contains("<html"), path);
            assertTrue(Http.header(r, "Content-Type").startsWith("application/json"), path);
        }
    }

    @Test
    void isolationAndSecurityHeadersOnEverything() throws Exception {
        for (String path : List.of("ohif/", "ohif/app-config.js", "ohif/app.bundle.css", "ohif/nope.js",
                "ohif/assets/favicon.ico")) {
            HttpResponse<byte[]> r = Http.get(pacsUrl, path);
            assertEquals("require-corp", Http.header(r, "Cross-Origin-Embedder-Policy"), path);
            assertEquals("same-origin", Http.header(r, "Cross-Origin-Opener-Policy"), path);
            assertEquals("same-origin", Http.header(r, "Cross-Origin-Resource-Policy"), path);
            assertEquals("nosniff", Http.header(r, "X-Content-Type-Options"), path);
        }
    }

    @Test
    void mimeTypesAndCaching() throws Exception {
        String html = Http.text(Http.get(pacsUrl, "ohif/"));
        Matcher m = Pattern.compile("ohif/(app\\.bundle\\.[0-9a-f]+\\.js)").matcher(html);
        assertTrue(m.find());
        HttpResponse<byte[]> js = Http.get(pacsUrl, "ohif/" + m.group(1));
        assertTrue(Http.header(js, "Content-Type").startsWith("text/javascript"));
        assertEquals("public, max-age=31536000, immutable", Http.header(js, "Cache-Control"));

        HttpResponse<byte[]> wasm = Http.get(pacsUrl, "ohif/0ddf166f7a343eda.wasm");
        assertEquals(200, wasm.statusCode());
        assertEquals("application/wasm", Http.header(wasm, "Content-Type"));
        assertEquals("public, max-age=31536000, immutable", Http.header(wasm, "Cache-Control"));
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, java.util.Arrays.copyOf(wasm.body(), 4));

        HttpResponse<byte[]> css = Http.get(pacsUrl, "ohif/app.bundle.css");
        assertTrue(Http.header(css, "Content-Type").startsWith("text/css"));
        assertEquals("no-cache", Http.header(css, "Cache-Control"), "unhashed name: revalidate");
        assertFalse(Http.text(css).contains("url(/"), "CSS made prefix-independent");
        HttpResponse<byte[]> css304 = Http.get(pacsUrl, "ohif/app.bundle.css", "If-None-Match", Http.header(css, "ETag"));
        assertEquals(304, css304.statusCode());

        HttpResponse<byte[]> png = Http.get(pacsUrl, "ohif/assets/favicon-16x16.png");
        assertEquals("image/png", Http.header(png, "Content-Type"));
        HttpResponse<byte[]> manifest = Http.get(pacsUrl, "ohif/manifest.json");
        assertEquals("application/json", Http.header(manifest, "Content-Type"));
        assertFalse(Http.text(manifest).contains("\"/assets"));
    }

    @Test
    void textAssetsAreGzippedWhenAccepted() throws Exception {
        for (String path : List.of("ohif/app.bundle.css", "ohif/", "ohif/app-config.js", "ohif/0ddf166f7a343eda.wasm")) {
            HttpResponse<byte[]> plain = Http.get(pacsUrl, path);
            HttpResponse<byte[]> gz = Http.get(pacsUrl, path, "Accept-Encoding", "gzip, deflate, br");
            assertNull(Http.header(plain, "Content-Encoding"), path);
            assertEquals("gzip", Http.header(gz, "Content-Encoding"), path);
            assertEquals("Accept-Encoding", Http.header(gz, "Vary"), path);
            assertTrue(gz.body().length < plain.body().length, path);
            assertArrayEquals(plain.body(), Http.gunzip(gz.body()), path);
            assertEquals(Long.toString(gz.body().length), Http.header(gz, "Content-Length"), path);
            HttpResponse<byte[]> refused = Http.get(pacsUrl, path, "Accept-Encoding", "gzip;q=0, identity");
            assertNull(Http.header(refused, "Content-Encoding"), path);
        }
    }

    @Test
    void pathTraversalNeverLeavesTheBuild() throws Exception {
        List<String> attacks = List.of(
                "ohif/../WEB-INF/web.xml", "ohif/..%2fWEB-INF%2fweb.xml", "ohif/%2e%2e/WEB-INF/web.xml",
                "ohif/%2e%2e%2fWEB-INF%2fweb.xml", "ohif/..%5cWEB-INF%5cweb.xml", "ohif/%252e%252e/WEB-INF/web.xml",
                "ohif/%252e%252e%252fWEB-INF%252fweb.xml", "ohif/assets/../../WEB-INF/beans.xml",
                "ohif/.%2e/WEB-INF/web.xml", "ohif/ohif-manifest.json", "ohif/%2e/index.html",
                "ohif/assets//favicon.ico", "WEB-INF/web.xml", "ohif/..;/WEB-INF/web.xml",
                "ohif/%c0%ae%c0%ae/WEB-INF/web.xml", "ohif/app-config.js%00.png");
        for (String attack : attacks) {
            for (URL base : List.of(rootUrl, pacsUrl)) {
                HttpResponse<byte[]> r = Http.get(base, attack);
                String body = Http.text(r);
                assertTrue(r.statusCode() == 400 || r.statusCode() == 404, attack + " -> " + r.statusCode());
                assertFalse(body.contains("web-app") || body.contains("<beans") || body.contains("\"assets\""), attack);
                assertFalse(body.contains("Exception") || body.contains("at org."), "no stack trace: " + attack);
            }
        }
    }

    @Test
    void onlyGetAndHead() throws Exception {
        assertEquals(405, Http.send("POST", pacsUrl, "ohif/app-config.js").statusCode());
        assertEquals(405, Http.send("DELETE", pacsUrl, "ohif/app.bundle.css").statusCode());
        HttpResponse<byte[]> head = Http.send("HEAD", pacsUrl, "ohif/app.bundle.css");
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
    }
}
