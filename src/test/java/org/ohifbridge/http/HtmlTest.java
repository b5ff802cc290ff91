package org.ohifbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void textEscapesEveryCharacterThatEndsAnAttributeOrStartsMarkup() {
        assertEquals("/a&amp;b&quot;c&#39;&lt;d&gt;/", Html.text("/a&b\"c'<d>/"));
        assertEquals("a b", Html.text("a\u0000b"), "control characters become spaces");
        assertEquals("", Html.text(null));
    }

    @Test
    void queryValuesArePercentEncoded() {
        assertEquals("Doe%5EJohn%20%26x%3D1", Html.query("Doe^John &x=1"));
    }

    @Test
    void aBarePageEscapesItsTitle() {
        String page = Html.page("<b>", "<em>kept</em>");
        assertEquals("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>&lt;b&gt;</title></head>"
                + "<body><h1>&lt;b&gt;</h1><p><em>kept</em></p></body></html>", page);
        assertFalse(page.contains("<b>"));
    }
}
