package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsStringsTest {
    @Test
    void quote() {
        assertEquals("'/pacs/ohif/'", JsStrings.quote("/pacs/ohif/"));
        assertEquals("'a\\\\b\\'c\\\"d\\n\\r\\t'", JsStrings.quote("a\\b'c\"d\n\r\t"));
        assertEquals("'\\u003c/script\\u003e\\u0026'", JsStrings.quote("</script>&"));
        assertEquals("'\\u2028\\u2029\\u0000\\u007f'", JsStrings.quote("\u2028\u2029\u0000\u007f"));
        assertEquals("'é'", JsStrings.quote("é"));
    }
}
