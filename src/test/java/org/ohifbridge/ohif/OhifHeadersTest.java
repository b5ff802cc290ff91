package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OhifHeadersTest {
    @Test
    void ifNoneMatch() {
        assertTrue(OhifHeaders.notModified("\"abc\"", "\"abc\""));
        assertTrue(OhifHeaders.notModified("\"x\", W/\"abc\"", "\"abc\""));
        assertTrue(OhifHeaders.notModified("*", "\"abc\""));
        assertFalse(OhifHeaders.notModified("\"abd\"", "\"abc\""));
        assertFalse(OhifHeaders.notModified(null, "\"abc\""));
        assertFalse(OhifHeaders.notModified("abc", "\"abc\""));
    }
}
