package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ViewportClampTest {
    /** A raw {@code +} is a space for Orthanc ({@code Toolbox::UrlDecode}): {@code +99999} is no number to it. */
    @ParameterizedTest
    @ValueSource(strings = {"viewport=512,512", "viewport=4096,4096", "viewport=,512", "viewport=512,",
        "viewport=-99999,1", "viewport=+99999,1", "quality=90", "", "viewport=1,2,0,0,-99999,99999",
        "Viewport=99999,99999"})
    void sizesWithinTheCapAndWhatOrthancRefusesItselfAreUntouched(String query) {
        assertSame(query, ViewportClamp.apply(query));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "viewport=100000,200 # viewport=4096,200",
        "viewport=,99999 # viewport=,4096",
        "viewport=4097,%2B5000 # viewport=4096,4096",
        "viewport=4097,+5000 # viewport=4096,%205000",
        "viewport=abc,99999 # viewport=abc,4096",
        "viewport=99999999999999999999,1 # viewport=4096,1",
        "viewport=5000%2C5000 # viewport=4096,4096",
        "quality=90&viewport=5000,10,-1.5,2,%2B3,4&window=40,400,linear"
                + " # quality=90&viewport=4096,10,-1.5,2,%2B3,4&window=40,400,linear",
        "viewport=5000,5000&viewport=10,10 # viewport=4096,4096&viewport=10,10",
        "vie%77port=9000,9000 # vie%77port=4096,4096",
    })
    void largerSizesAreRewrittenToTheCap(String query, String expected) {
        assertEquals(expected, ViewportClamp.apply(query));
    }

    @org.junit.jupiter.api.Test
    void noQuery() {
        assertNull(ViewportClamp.apply(null));
    }
}
