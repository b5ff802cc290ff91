package org.ohifbridge.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ETagsTest {
    @Test
    void ifNoneMatch() {
        assertTrue(ETags.notModified("\"abc\"", "\"abc\""));
        assertTrue(ETags.notModified("\"x\", W/\"abc\"", "\"abc\""));
        assertTrue(ETags.notModified("*", "\"abc\""));
        assertFalse(ETags.notModified("\"abd\"", "\"abc\""));
        assertFalse(ETags.notModified(null, "\"abc\""));
        assertFalse(ETags.notModified("abc", "\"abc\""));
    }
}
