package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.dicomjson.InstanceRecords;

class InstanceRecordCodecTest {
    @Test
    void roundTripOfEveryGoldenRecord() throws IOException {
        for (String name : Golden.tagFiles()) {
            ObjectNode record = InstanceRecords.fromShortTags(Golden.read("tags/" + name + ".json"));
            String stored = InstanceRecordCodec.encode(record);
            assertTrue(stored.matches("[A-Za-z0-9+/]+=*"), "one line of standard Base64");
            byte[] gz = Base64.getDecoder().decode(stored);
            assertEquals(0x1f, gz[0] & 0xff, "gzip");
            assertEquals(0x8b, gz[1] & 0xff, "gzip");
            assertEquals(record, InstanceRecordCodec.decode(stored).orElseThrow(), name);
        }
    }

    @Test
    void anEntryInThePluginsFormatDecodes() throws IOException {
        ObjectNode r = InstanceRecordCodec.decode(resource("plugin-entry-4202.txt")).orElseThrow();
        assertEquals("MR", r.path("0008,0060").asText());
        assertEquals((double) 0.7f, r.path("0028,1053").doubleValue(), 0.0, "17-digit floats read back exactly");
        assertEquals(0.859375, r.path("0028,0030").get(1).doubleValue(), 0.0);
    }

    @Test
    void otherVersionsAndCorruptEntriesAreRejected() throws IOException {
        String good = resource("plugin-entry-4202.txt");
        List<String> bad = List.of(resource("plugin-entry-4202-version1.txt"), "", "hello-4202 {\"a\":1}",
                good.substring(0, good.length() / 2), Base64.getEncoder().encodeToString("{\"Version\":2}".getBytes()),
                Base64.getEncoder().encodeToString(Gzip.compress("not json".getBytes())),
                Base64.getEncoder().encodeToString(Gzip.compress("[1,2]".getBytes())));
        for (String entry : bad) {
            assertFalse(InstanceRecordCodec.decode(entry).isPresent(), entry);
        }
    }

    @Test
    void aGzipBombIsNotInflated() {
        byte[] zeros = new byte[InstanceRecordCodec.MAX_RECORD_BYTES + 1];
        String bomb = Base64.getEncoder().encodeToString(Gzip.compress(zeros));
        assertFalse(InstanceRecordCodec.decode(bomb).isPresent());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InstanceRecordCodecTest.class.getResourceAsStream("/dicomjson/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
