package org.ohifbridge.dicomjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ohifbridge.Json;

class InstanceRecordsTest {

    static Stream<String> tagFiles() {
        return Golden.tagFiles().stream();
    }

    @ParameterizedTest
    @MethodSource("tagFiles")
    void recordMatchesTheGoldenFile(String name) {
        ObjectNode record = InstanceRecords.fromShortTags(Golden.read("tags/" + name + ".json"));
        assertEquals(Golden.read("expected/record-" + name + ".json"), record, name);
        assertTrue(Golden.keysSorted(record), "keys in byte order, as the plugin writes them");
    }

    @Test
    void theTableHasThePluginsShape() {
        assertEquals(9, OhifTags.at(Level.STUDY).size());
        assertEquals(5, OhifTags.at(Level.SERIES).size());
        assertEquals(39, OhifTags.at(Level.INSTANCE).size());
        assertEquals(50, OhifTags.RECORD_TAGS.size(), "Modality and the two UIDs sit on two levels");
    }

    @Test
    void petSequenceRules() throws Exception {
        // the date-time wins over the time; only the first item counts; a bad dose still counts as present
        ObjectNode r = InstanceRecords.fromShortTags(Golden.read("tags/synthetic-pet-pt-1.json"));
        assertEquals(Json.MAPPER.readTree("[{\"RadionuclideHalfLife\":6586.2001953125,\"RadionuclideTotalDose\":3.7E8,"
                + "\"RadiopharmaceuticalStartDateTime\":\"20240102071500\"}]"), r.get("0054,0016"));
        ObjectNode r2 = InstanceRecords.fromShortTags(Golden.read("tags/synthetic-pet-pt-2.json"));
        assertEquals(Json.MAPPER.readTree("[{\"RadionuclideHalfLife\":6586.2001953125,"
                + "\"RadiopharmaceuticalStartTime\":\"071500\"}]"), r2.get("0054,0016"));
        // no half-life: no sequence at all
        assertFalse(InstanceRecords.fromShortTags(Golden.read("tags/synthetic-pet-ct-1.json")).has("0054,0016"));
    }

    @Test
    void onlyIntegerVersion2IsCurrent() throws Exception {
        for (String text : List.of("{\"Version\":2}", "{\"Version\":2,\"0008,0060\":\"MR\"}")) {
            assertTrue(InstanceRecords.current(Json.MAPPER.readTree(text)).isPresent(), text);
        }
        for (String text : List.of("{\"Version\":1}", "{\"Version\":\"2\"}", "{\"Version\":2.0}", "{}", "[2]", "2")) {
            assertFalse(InstanceRecords.current(Json.MAPPER.readTree(text)).isPresent(), text);
        }
    }
}
