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

    @Test
    void theStudyUidIsReadFromTheDocumentsFirstBytes() {
        String json = "{\"studies\":[{\"AccessionNumber\":\"\",\"StudyDescription\":\"" + "x".repeat(60)
                + "\",\"StudyInstanceUID\":\"1.2.840.99\",\"series\":[" + "{},".repeat(50_000) + "{}]}]}";
        StudyDocument doc = new StudyDocument("k", Gzip.compress(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("1.2.840.99"), doc.studyUid());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(),
                new StudyDocument("k", Gzip.compress("{\"studies\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0).studyUid());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(), new StudyDocument("k", new byte[] {1, 2, 3}, 0).studyUid());
    }
}
