package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchLimitsTest {
    static final int CAP = SearchLimits.ARCHIVE_SEARCH_LIMIT;

    @Test
    void ohifsStudyListIsPassedOnAsItIs() {
        String ohif = "PatientName=*DOE*&00100020=*123*&limit=101&offset=0&fuzzymatching=false"
                + "&includefield=00081030&includefield=00080060";
        assertSame(ohif, SearchLimits.apply(CAP, ohif));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', nullValues = "NULL", value = {
        "NULL # limit=1000",
        "'' # limit=1000",
        "PatientName=DOE # PatientName=DOE&limit=1000",
        "limit=5000&PatientName=DOE # PatientName=DOE&limit=1000",
        "limit=0 # limit=1000",
        "limit=00 # limit=1000",
        "limit=7&limit=5000 # limit=1000",
        "limit=5000&limit=7 # limit=7",
        "li%6Dit=5000 # limit=1000",
        "limit=99999999999999999999 # limit=1000",
        "LIMIT=5 # LIMIT=5&limit=1000",
        "limit=0010 # limit=0010",
        "limit=1000&offset=5000 # limit=1000&offset=5000",
    })
    void oneLimitOfAtMostTheCapReachesOrthanc(String query, String expected) {
        assertEquals(expected, SearchLimits.apply(CAP, query));
    }

    @Test
    void insideAStudyTheCapIsFarHigher() {
        assertEquals("includefield=0008103E&limit=50000", SearchLimits.apply(SearchLimits.STUDY_SEARCH_LIMIT,
                "includefield=0008103E"));
        assertEquals("limit=20000", SearchLimits.apply(SearchLimits.STUDY_SEARCH_LIMIT, "limit=20000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=abc", "limit=-1", "limit=", "limit", "limit=1.5", "limit=%2B5", "offset=x",
        "offset=-1", "limit=10&offset="})
    void limitAndOffsetMustBeWholeNumbers(String query) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> SearchLimits.apply(CAP, query));
        assertEquals(query.contains("offset") ? "offset must be a whole number" : "limit must be a whole number",
                e.getMessage());
    }

    @Test
    void anOffsetOrthancCannotReadIsRefused() {
        assertEquals("offset is too large", assertThrows(BadRequestException.class,
                () -> SearchLimits.apply(CAP, "offset=99999999999")).getMessage());
    }

    @Test
    void wildcardsAreCountedDecodedAcrossAllValues() {
        String sixteen = "*".repeat(8) + "%2A".repeat(4) + "?".repeat(2) + "%3f".repeat(2);
        String atTheCap = "PatientName=" + sixteen + "&StudyDescription=" + sixteen + "&limit=10";
        assertSame(atTheCap, SearchLimits.apply(CAP, atTheCap));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> SearchLimits.apply(CAP, atTheCap + "&AccessionNumber=*"));
        assertEquals("too many wildcards in the search (at most 32)", e.getMessage());
    }
}
