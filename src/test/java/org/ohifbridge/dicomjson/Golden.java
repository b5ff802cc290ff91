package org.ohifbridge.dicomjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ohifbridge.Json;

/**
 * The golden files under src/test/resources/dicomjson: Orthanc {@code tags?short} answers captured from the
 * sample studies plus synthetic ones (tags/), the test studies (studies.json) and the expected records and
 * documents (expected/), written by src/test/golden/dicomjson_reference.py, an independent implementation.
 */
public final class Golden {

    private Golden() {
    }

    public static JsonNode read(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/dicomjson/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + path);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> tagFiles() {
        List<String> names = new ArrayList<>();
        studies().forEach(s -> s.getValue().forEach(m -> names.add(m.path("tags").asText())));
        return names.stream().distinct().sorted().toList();
    }

    public static List<Map.Entry<String, JsonNode>> studies() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = read("studies.json").fields();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The study's instances with records computed by the code under test. */
    public static List<InstanceEntry> entries(JsonNode members) {
        List<InstanceEntry> out = new ArrayList<>();
        for (JsonNode m : members) {
            ObjectNode record = InstanceRecords.fromShortTags(read("tags/" + m.path("tags").asText() + ".json"));
            out.add(new InstanceEntry(m.path("id").asText(), record));
        }
        return out;
    }

    /** Object keys of every object in the tree, in the order they are written, are in byte order. */
    public static boolean keysSorted(JsonNode node) {
        if (node.isObject()) {
            String previous = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (previous != null && previous.compareTo(e.getKey()) >= 0 || !keysSorted(e.getValue())) {
                    return false;
                }
                previous = e.getKey();
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (!keysSorted(n)) {
                    return false;
                }
            }
        }
        return true;
    }
}
