package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.DataSource;

class PortalPagesTest {
    static final String EVIL = "<script>alert(\"x\")</script>^O'Brien&Co";
    static final StudySummary NASTY = new StudySummary("11111111-11111111-11111111-11111111-11111111", "1.2.3", EVIL,
            "P\"><img src=x onerror=alert(1)>", "19700101", "20240102", "101500", "<b>HEAD</b>", "A&1", List.of("CT", "SR"), 42);
    final PortalPages pages = new PortalPages("/pacs/ohif/", "/pacs/", DataSource.DICOM_WEB);

    @Test
    void everyValueFromTheArchiveIsText() {
        String html = pages.launcher(new PortalPages.Launcher("<script>", new Pagination(1, 25, 1), List.of(NASTY), false,
                Optional.of("Preparing <x>"), Optional.of("dr<who>")));
        assertFalse(html.contains("<script"), "no script element at all: " + html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<b>HEAD"), html);
        assertFalse(html.contains("<x>") || html.contains("<who>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, O&#39;Brien&amp;Co"), html);
        assertTrue(html.contains("P&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(html.contains("value=\"&lt;script&gt;\""), "the search box keeps the text, escaped");
        assertTrue(html.contains("A&amp;1") && html.contains("CT, SR") && html.contains(">42<"), html);
        assertTrue(html.contains("2024-01-02") && html.contains("born 1970-01-01"), html);
        assertTrue(html.contains("Preparing &lt;x&gt;"), html);
    }

    @Test
    void eachRowOffersThePluginsFiveModes() {
        String html = pages.launcher(new PortalPages.Launcher("", new Pagination(1, 25, 1), List.of(NASTY), false,
                Optional.empty(), Optional.empty()));
        Matcher m = Pattern.compile("<a class=\"mode\" href=\"([^\"]+)\"[^>]*>([^<]+)</a>").matcher(html);
        StringBuilder found = new StringBuilder();
        while (m.find()) {
            found.append(m.group(2)).append(" -> ").append(m.group(1)).append('\n');
        }
        assertEquals("""
                Basic -> /pacs/ohif/viewer?StudyInstanceUIDs=1.2.3
                Volume rendering -> /pacs/ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&amp;StudyInstanceUIDs=1.2.3
                TMTV -> /pacs/ohif/tmtv?StudyInstanceUIDs=1.2.3
                Segmentation -> /pacs/ohif/segmentation?StudyInstanceUIDs=1.2.3
                Microscopy -> /pacs/ohif/microscopy?StudyInstanceUIDs=1.2.3
                """, found.toString());
        assertTrue(html.contains("action=\"/pacs/\""), "the search goes to the launcher");
        assertTrue(html.contains(" autofocus "), "the search box has the focus on arrival");
        String json = new PortalPages("/ohif/", "/", DataSource.DICOM_JSON).launcher(new PortalPages.Launcher("",
                new Pagination(1, 25, 1), List.of(NASTY), false, Optional.empty(), Optional.empty()));
        assertTrue(json.contains("href=\"/ohif/viewer?url=../studies/11111111-11111111-11111111-11111111-11111111/ohif-dicom-json\""), json);
    }

    @Test
    void pagerLinksKeepTheEncodedSearch() {
        String html = pages.launcher(new PortalPages.Launcher("doe & \"co\"", new Pagination(2, 25, 80), List.of(NASTY), false,
                Optional.empty(), Optional.empty()));
        assertTrue(html.contains("href=\"?q=doe%20%26%20%22co%22&amp;page=1\""), html);
        assertTrue(html.contains("href=\"?q=doe%20%26%20%22co%22&amp;page=3\""), html);
        assertTrue(html.contains("Page 2 of 4"), html);
        assertTrue(html.contains("26\u201350 of 80"), html);
        String latest = pages.launcher(new PortalPages.Launcher("", new Pagination(1, 25, 80), List.of(NASTY), false,
                Optional.empty(), Optional.empty()));
        assertTrue(latest.contains("href=\"?page=2\"") && !latest.contains("rel=\"prev\""), latest);
    }

    @Test
    void chooserAndMessages() {
        String html = pages.chooser("PatientID=<p>", List.of(NASTY, NASTY), ViewerMode.MPR, "Not found: 9.9.", false);
        assertTrue(html.contains("<code>PatientID=&lt;p&gt;</code>"), html);
        assertTrue(html.contains("Open all 2 together (Volume rendering)"), html);
        assertTrue(html.contains("href=\"/pacs/ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&amp;StudyInstanceUIDs=1.2.3\""),
                "the same UID twice is opened once");
        assertTrue(html.contains("Not found: 9.9."));
        assertFalse(new PortalPages("/ohif/", "/", DataSource.DICOM_JSON).chooser("x", List.of(NASTY, NASTY), ViewerMode.VIEWER, "", false)
                .contains("together"), "the DICOM JSON source opens one study at a time");
        String missing = pages.message("No study found", "No study matches AccessionNumber=<a>.", "<a>");
        assertTrue(missing.contains("AccessionNumber=&lt;a&gt;."), missing);
        assertTrue(missing.contains("href=\"/pacs/?q=%3Ca%3E\""), missing);
    }

    @Test
    void displayFormsOfNamesAndDates() {
        assertEquals("Doe, Jane Mary", StudySummary.displayName("Doe^Jane^Mary^Dr"));
        assertEquals("Doe", StudySummary.displayName("Doe"));
        assertEquals("Jane", StudySummary.displayName("^Jane"));
        assertEquals("Yamada, Tarou", StudySummary.displayName("Yamada^Tarou=山田^太郎"));
        assertEquals("", StudySummary.displayName(""));
        assertEquals("2001-03-16", StudySummary.displayDate("20010316"));
        assertEquals("1993.04.30", StudySummary.displayDate("1993.04.30"));
    }

    @Test
    void searchTextLosesWildcardsAndRefusesControls() {
        assertEquals("doe", SearchText.clean(" *do?e\\ "));
        assertEquals("", SearchText.clean(null));
        assertEquals("", SearchText.clean("**"));
        org.junit.jupiter.api.Assertions.assertThrows(LinkException.class, () -> SearchText.clean("a\u0000"));
        org.junit.jupiter.api.Assertions.assertThrows(LinkException.class, () -> SearchText.clean("x".repeat(65)));
    }
}
