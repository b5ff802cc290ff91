package org.ohifbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "gzip, deflate, br|true", "br;q=1.0, gzip;q=0.8|true", "GZIP|true", "x-gzip|true", "*|true",
        "gzip;q=0|false", "gzip;q=0.0, *|false", "identity|false", "br|false", "*;q=0|false", "NULL|false",
        "gzip;q=abc|false", "deflate, *;q=0.1|true",
    })
    void gzipAccepted(String header, boolean expected) {
        assertEquals(expected, AcceptEncoding.acceptsGzip(header));
    }
}
