package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StudyDocumentCodecTest {
    private final StudyDocument doc = new StudyDocument("0123456789abcdef0123456789abcdef", "1.2.840.99",
            Gzip.compress("{\"studies\":[]}".getBytes(StandardCharsets.UTF_8)), 0);

    @Test
    void roundTrip() {
        String stored = StudyDocumentCodec.encode(doc);
        assertTrue(stored.startsWith("ohif-bridge-study;" + doc.key() + ";0;1.2.840.99;"), stored);
        StudyDocument back = StudyDocumentCodec.decode(stored, doc.key()).orElseThrow();
        assertArrayEquals(doc.gzip(), back.gzip());
        assertEquals(doc.instances(), back.instances());
        assertEquals("1.2.840.99", back.studyUid());
        assertEquals("\"0123456789abcdef0123456789abcdef\"", back.etag());
    }

    @Test
    void anotherKeyOrAnythingCorruptIsNotUsed() {
        String stored = StudyDocumentCodec.encode(doc);
        assertFalse(StudyDocumentCodec.decode(stored, "ffffffffffffffffffffffffffffffff").isPresent(), "study changed");
        assertFalse(StudyDocumentCodec.decode(stored.substring(0, stored.length() - 8), doc.key()).isPresent());
        assertFalse(StudyDocumentCodec.decode("ohif-bridge-study;" + doc.key() + ";x;1.2;AAAA", doc.key()).isPresent());
        assertFalse(StudyDocumentCodec.decode("ohif-bridge-study;" + doc.key() + ";0;a b;" + stored.substring(
                stored.lastIndexOf(';') + 1), doc.key()).isPresent(), "not a UID");
        assertFalse(StudyDocumentCodec.decode("something else", doc.key()).isPresent());
        assertFalse(StudyDocumentCodec.decode(null, doc.key()).isPresent());
    }

    @Test
    void anEntryOfTheFirstFormatIsNotUsed() {
        // ohif-bridge-study;<key>;<instances>;<Base64>, before the StudyInstanceUID was kept with it
        String base64 = java.util.Base64.getEncoder().encodeToString(doc.gzip());
        assertFalse(StudyDocumentCodec.decode("ohif-bridge-study;" + doc.key() + ";0;" + base64, doc.key()).isPresent());
    }

    @Test
    void onlyAUidTheEntryCanHoldIsKept() {
        assertTrue(StudyDocumentCodec.storable("1.2.840.10008.999"));
        assertTrue(StudyDocumentCodec.storable("1.2.3.ABC-odd"), "an archive's odd UID is kept as it is");
        assertTrue(StudyDocumentCodec.storable(""));
        assertFalse(StudyDocumentCodec.storable("1.2;evil"), "the separator");
        assertFalse(StudyDocumentCodec.storable("1.2 3"));
        assertFalse(StudyDocumentCodec.storable("1.".repeat(65)), "over 128 characters");
        StudyDocument odd = new StudyDocument(doc.key(), "1.2;evil", doc.gzip(), 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> StudyDocumentCodec.encode(odd));
    }
}
