package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StudyDocumentCodecTest {
    private final StudyDocument doc = new StudyDocument("0123456789abcdef0123456789abcdef",
            Gzip.compress("{\"studies\":[]}".getBytes(StandardCharsets.UTF_8)), 0);

    @Test
    void roundTrip() {
        String stored = StudyDocumentCodec.encode(doc);
        StudyDocument back = StudyDocumentCodec.decode(stored, doc.key()).orElseThrow();
        assertArrayEquals(doc.gzip(), back.gzip());
        assertEquals(doc.instances(), back.instances());
        assertEquals("\"0123456789abcdef0123456789abcdef\"", back.etag());
    }

    @Test
    void anotherKeyOrAnythingCorruptIsNotUsed() {
        String stored = StudyDocumentCodec.encode(doc);
        assertFalse(StudyDocumentCodec.decode(stored, "ffffffffffffffffffffffffffffffff").isPresent(), "study changed");
        assertFalse(StudyDocumentCodec.decode(stored.substring(0, stored.length() - 8), doc.key()).isPresent());
        assertFalse(StudyDocumentCodec.decode("ohif-bridge-study;" + doc.key() + ";x;AAAA", doc.key()).isPresent());
        assertFalse(StudyDocumentCodec.decode("something else", doc.key()).isPresent());
        assertFalse(StudyDocumentCodec.decode(null, doc.key()).isPresent());
    }
}
