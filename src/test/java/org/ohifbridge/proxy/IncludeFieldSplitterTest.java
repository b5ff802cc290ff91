package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IncludeFieldSplitterTest {
    @Test
    void encodedAndLiteralCommaListsBecomeRepeatedParameters() {
        assertEquals("limit=101&includefield=00081030&includefield=00080060&offset=0",
                IncludeFieldSplitter.rewrite("limit=101&includefield=00081030%2C00080060&offset=0"));
        assertEquals("includefield=00081030&includefield=00080060&includefield=00100030",
                IncludeFieldSplitter.rewrite("includefield=00081030%2c00080060,00100030"));
        assertEquals("IncludeField=a&IncludeField=b", IncludeFieldSplitter.rewrite("IncludeField=a%2Cb"));
    }

    @Test
    void everythingElseIsUntouched() {
        assertEquals("PatientName=Doe%2CJohn&StudyDate=20010101-", IncludeFieldSplitter.rewrite(
                "PatientName=Doe%2CJohn&StudyDate=20010101-"));
        assertEquals("includefield=all", IncludeFieldSplitter.rewrite("includefield=all"));
        assertEquals("a=1&b=2", IncludeFieldSplitter.rewrite("a=1&&b=2"));
        assertEquals("", IncludeFieldSplitter.rewrite(""));
        assertNull(IncludeFieldSplitter.rewrite(null));
        assertEquals("x", IncludeFieldSplitter.rewrite("includefield=&x"));
    }
}
