package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ohifbridge.http.PublicBase;

class IndexRendererTest {
    private static final String TEMPLATE = "<script>window.PUBLIC_URL=\"{{BASE_JS}}\"</script>"
            + "<script src=\"{{BASE_ATTR}}app-config.js\"></script><link href=\"{{BASE_ATTR}}app.bundle.css\">";

    @Test
    void rendersBothPlaceholders() {
        assertEquals("<script>window.PUBLIC_URL=\"/pacs/ohif/\"</script><script src=\"/pacs/ohif/app-config.js\">"
                        + "</script><link href=\"/pacs/ohif/app.bundle.css\">",
                new IndexRenderer(TEMPLATE).render(new PublicBase("/pacs/ohif/", "/pacs/")));
    }

    @Test
    void escapesPerContext() {
        String html = new IndexRenderer(TEMPLATE).render(new PublicBase("/a\"<b/ohif/", "/a\"<b/"));
        assertEquals("<script>window.PUBLIC_URL=\"/a\\\"\\u003cb/ohif/\"</script><script src=\"/a&quot;&lt;b/ohif/"
                + "app-config.js\"></script><link href=\"/a&quot;&lt;b/ohif/app.bundle.css\">", html);
    }

    @Test
    void refusesAnUnpatchedIndex() {
        assertThrows(IllegalArgumentException.class, () -> new IndexRenderer("<script src=\"/app.js\"></script>"));
    }
}
