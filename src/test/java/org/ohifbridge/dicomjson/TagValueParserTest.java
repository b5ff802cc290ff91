package org.ohifbridge.dicomjson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ohifbridge.Json;

class TagValueParserTest {

    /** '|' stands for DICOM's backslash; "(none)" means the key is left out. */
    @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
    @CsvSource(delimiter = ';', value = {
            "STRING; DOE^JOHN; \"DOE^JOHN\"",
            "STRING; ''; \"\"",
            "STRING; A|B; \"A\\\\B\"",
            "INTEGER; 512; 512",
            "INTEGER; ' 512 '; 512",
            "INTEGER; +7|8; 7",
            "INTEGER; -3; -3",
            "INTEGER; 5.0; (none)",
            "INTEGER; abc; (none)",
            "INTEGER; ''; (none)",
            "INTEGER; 2147483647; 2147483647",
            "INTEGER; 2147483648; (none)",
            "INTEGER; 99999999999999; (none)",
            "FLOAT; 0.7; 0.699999988079071",
            "FLOAT; 40|400; 40.0",
            "FLOAT; ' -1024 '; -1024.0",
            "FLOAT; .5; 0.5",
            "FLOAT; 1e3; 1000.0",
            "FLOAT; 1e40; (none)",
            "FLOAT; NaN; (none)",
            "FLOAT; Infinity; (none)",
            "FLOAT; 1.5f; (none)",
            "FLOAT; 0x10; (none)",
            "FLOAT; ''; (none)",
            "FLOAT_LIST; 0.5|0.5; [0.5,0.5]",
            "FLOAT_LIST; -125|-125|10; [-125.0,-125.0,10.0]",
            "FLOAT_LIST; 1|x| 2 |; [1.0,2.0]",
            "FLOAT_LIST; ''; []",
            "STRING_LIST; ORIGINAL|PRIMARY|AXIAL; [\"ORIGINAL\",\"PRIMARY\",\"AXIAL\"]",
            "STRING_LIST; ''; [\"\"]",
            "STRING_LIST; A|| B |; [\"A\",\"\",\" B \",\"\"]"})
    void convertsLikeThePlugin(TagType type, String dicomValue, String expected) throws Exception {
        Optional<JsonNode> v = TagValueParser.parse(type, dicomValue.replace('|', '\\'));
        if (expected.equals("(none)")) {
            assertEquals(Optional.empty(), v);
        } else {
            assertEquals(Json.MAPPER.readTree(expected), v.orElseThrow());
        }
    }
}
