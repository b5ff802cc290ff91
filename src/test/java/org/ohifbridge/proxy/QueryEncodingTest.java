package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.BadRequestException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryEncodingTest {
    @Test
    void whatOhifSendsIsPassedOnAsItIs() {
        String ohif = "PatientName=*DOE%5EJ*&00100020=*&limit=101&offset=0&fuzzymatching=false"
                + "&includefield=00081030%2C00080060&StudyDate=20200101-20201231&x=a:b@c/d?e!$'()+,;=~";
        assertSame(ohif, QueryEncoding.canonical(ohif));
        assertNull(QueryEncoding.canonical(null));
        assertEquals("", QueryEncoding.canonical(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "PatientName=DOE^JOHN # PatientName=DOE%5EJOHN",
        "ModalitiesInStudy=CT|MR # ModalitiesInStudy=CT%7CMR",
        "a={b}&c=[d] # a=%7Bb%7D&c=%5Bd%5D",
        "a=`\"<>\\ # a=%60%22%3C%3E%5C",
        "a=b c%20d # a=b%20c%20d",
    })
    void charactersThatUriRefusesArePercentEncoded(String raw, String canonical) {
        assertEquals(canonical, QueryEncoding.canonical(raw));
        URI.create("http://orthanc/dicom-web/studies?" + QueryEncoding.canonical(raw)); // no longer throws
        assertEquals(QueryEncoding.decode(raw.replace("%20", " ")), QueryEncoding.decode(canonical), "same meaning");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PatientName=50%", "a=%2", "a=%zz", "a=%G0&b=1", "%", "a=1%"})
    void aMalformedEscapeIsRefused(String raw) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> QueryEncoding.canonical(raw));
        assertEquals("malformed percent-escape in the query (send % as %25)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PatientName=DOE\u0001", "a=\u007f", "PatientName=M\u00fcller", "a=\u00c3\u00a9"})
    void controlAndRawNonAsciiCharactersAreRefusedWithoutQuotingTheQuery(String raw) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> QueryEncoding.canonical(raw));
        assertFalse(e.getMessage().contains("DOE") || e.getMessage().contains("ller"), e.getMessage());
    }

    @Test
    void decodingAndEncodingAsOrthancReadsArguments() {
        assertEquals("DOE^JOHN *", QueryEncoding.decode("DOE%5eJOHN+%2A"));
        assertEquals("M\u00fcller", QueryEncoding.decode("M%C3%BCller"));
        assertEquals("M%C3%BCller%20%2A-._~1", QueryEncoding.encode("M\u00fcller *-._~1"));
    }
}
