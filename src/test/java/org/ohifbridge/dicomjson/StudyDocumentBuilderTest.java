package org.ohifbridge.dicomjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ohifbridge.Json;

class StudyDocumentBuilderTest {

    static Stream<String> studies() {
        return Golden.studies().stream().map(Map.Entry::getKey);
    }

    @ParameterizedTest
    @MethodSource("studies")
    void documentMatchesTheGoldenFile(String study) throws Exception {
        JsonNode members = Golden.read("studies.json").get(study);
        ObjectNode doc = StudyDocumentBuilder.build(Golden.entries(members));
        assertEquals(Golden.read("expected/study-" + study + ".json"), doc, study);
        // as written on the wire: keys in byte order, like the plugin's JSON library
        assertTrue(Golden.keysSorted(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(doc))), study);
    }

    @Test
    void aMultiFrameInstanceBecomesOneEntryPerFrame() {
        ObjectNode doc = StudyDocumentBuilder.build(Golden.entries(Golden.read("studies.json").get("xa-96frames")));
        JsonNode study = doc.path("studies").get(0);
        JsonNode instances = study.path("series").get(0).path("instances");
        assertEquals(1, study.path("NumInstances").asInt(), "one DICOM instance");
        assertEquals(96, instances.size());
        for (int k = 1; k <= 96; k++) {
            JsonNode e = instances.get(k - 1);
            assertEquals("dicomweb:../instances/b7fb1fb4-142e5a15-333ae197-298b1626-11f8833b/file?frame=" + k,
                    e.path("url").asText());
            assertEquals(96, e.path("metadata").path("NumberOfFrames").asInt(), "OHIF needs NumberOfFrames on each");
        }
    }

    @Test
    void anInvalidWindowIsLeftOut() {
        JsonNode pet = StudyDocumentBuilder.build(Golden.entries(Golden.read("studies.json").get("synthetic-pet")));
        JsonNode ct = pet.path("studies").get(0).path("series").get(0).path("instances").get(0).path("metadata");
        assertEquals("CT", ct.path("Modality").asText());
        assertFalse(ct.has("WindowWidth") || ct.has("WindowCenter"), "WindowWidth 0 would paint the image black");
    }

    @Test
    void noInstancesNoStudy() throws Exception {
        assertEquals(Json.MAPPER.readTree("{\"studies\":[]}"), StudyDocumentBuilder.build(List.of()));
    }
}
