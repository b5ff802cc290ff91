package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.http.PublicBase;

class AppConfigRendererTest {
    private static final String USER = "window.config = { routerBasename: '/user/', dataSources: ['user'], x: 1 };";

    @Test
    void userPartFirstThenSystemOverrides() {
        String js = new AppConfigRenderer(USER, DataSource.DICOM_WEB, false).render(new PublicBase("/pacs/ohif/", "/pacs/"), false);
        assertTrue(js.startsWith(USER + "\n"));
        int basename = js.indexOf("window.config.routerBasename = '/pacs/ohif/';");
        int sources = js.indexOf("window.config.dataSources = [");
        int dflt = js.indexOf("window.config.defaultDataSourceName = 'dicomweb';");
        assertTrue(basename > USER.length() && sources > basename && dflt > sources, js);
        assertEquals(3, js.split("'/pacs/dicom-web'", -1).length - 1, "wadoUriRoot, qidoRoot, wadoRoot");
        assertTrue(js.contains("acceptHeader: ['multipart/related; type=application/octet-stream; transfer-syntax=*']"));
        assertTrue(js.contains("bulkDataURI: { enabled: true, relativeResolution: 'studies' }"));
        assertTrue(js.contains("staticWado: true"));
        assertFalse(js.contains("showStudyList = false"), "dicom-web leaves showStudyList to the user part");
    }

    @Test
    void theSystemPartCreatesWindowConfigWhenTheUserPartDidNot() {
        // the system part must still work when the user part did not create window.config
        String js = new AppConfigRenderer("// nothing", DataSource.DICOM_WEB, false).render(new PublicBase("/ohif/", "/"), false);
        assertTrue(js.contains("window.config = window.config || {};"));
        assertTrue(js.indexOf("window.config = window.config || {};") < js.indexOf("window.config.routerBasename"));
    }

    @Test
    void insertedValuesAreEscaped() {
        String js = new AppConfigRenderer("", DataSource.DICOM_JSON, false).render(new PublicBase("/a'b</script>\u2028/ohif/", "/a'b</script>\u2028/"), false);
        assertTrue(js.contains("routerBasename = '/a\\'b\\u003c/script\\u003e\\u2028/ohif/';"), js);
        assertFalse(js.contains("</script>"));
        assertFalse(js.contains("\u2028"));
    }

    @Test
    void dicomJsonModeHasThePluginsSystemPart() {
        String js = new AppConfigRenderer(USER, DataSource.DICOM_JSON, false).render(new PublicBase("/pacs/ohif/", "/pacs/"), false);
        assertTrue(js.startsWith(USER + "\n"));
        assertTrue(js.contains("window.config.showStudyList = false;"));
        assertTrue(js.contains("namespace: '@ohif/extension-default.dataSourcesModule.dicomjson'"));
        assertTrue(js.contains("sourceName: 'dicomjson'"));
        assertTrue(js.contains("configuration: { name: 'json' }"));
        assertTrue(js.contains("window.config.defaultDataSourceName = 'dicomjson';"));
        assertTrue(js.contains("window.config.routerBasename = '/pacs/ohif/';"));
        assertFalse(js.contains("dicom-web"), "no DICOMweb root in this mode");
    }

    @Test
    void overHttp2TheEmbeddedDefaultGetsHigherRequestLimitsAndAnAdminsFileDoesNot() {
        PublicBase base = new PublicBase("/ohif/", "/");
        String raised = "window.config.maxNumRequests = { interaction: 200, thumbnail: 150, prefetch: 100 };";
        AppConfigRenderer embedded = new AppConfigRenderer(USER, DataSource.DICOM_WEB, true);
        assertTrue(embedded.render(base, true).endsWith(raised + "\n"), "set last, after the user part");
        assertFalse(embedded.render(base, false).contains("maxNumRequests"), "HTTP/1.1 keeps the plugin's limits");
        assertFalse(new AppConfigRenderer(USER, DataSource.DICOM_WEB, false).render(base, true).contains("maxNumRequests"),
                "a configured user part is left as the admin wrote it");
    }
}
