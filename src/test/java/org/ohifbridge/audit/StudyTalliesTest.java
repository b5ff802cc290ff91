package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudyTalliesTest {
    static final Caller A = new Caller("a", List.of(), "1.1.1.1", "x", "s1");
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final long SECOND = 1_000_000_000L;

    @Test
    void openOnceThenIdleSummarisesAndALaterRequestOpensAgain() {
        StudyTallies<String> t = new StudyTallies<>(Duration.ofSeconds(60), 100);
        List<StudyTallies.Tally<String>> overflow = new ArrayList<>();
        assertTrue(t.touch(A, "1.2", "metadata", 200, NOW, 0, overflow).open());
        for (int i = 1; i <= 50; i++) {
            assertFalse(t.touch(A, "1.2", "frames", 200, NOW, i * SECOND / 10, overflow).open());
        }
        assertEquals(List.of(), t.expire(60 * SECOND), "5 s after the last frame: still open");
        List<StudyTallies.Tally<String>> done = t.expire(66 * SECOND);
        assertEquals(1, done.size());
        assertEquals("{frames=50, metadata=1}", done.get(0).requests().toString());
        assertEquals(0, t.size());
        assertTrue(t.touch(A, "1.2", "frames", 200, NOW, 70 * SECOND, overflow).open(), "read again later: a new open");
        assertTrue(overflow.isEmpty());
    }

    @Test
    void tooManyOpenStudiesPushOutTheLeastRecentlyUsed() {
        StudyTallies<String> t = new StudyTallies<>(Duration.ofSeconds(60), 2);
        List<StudyTallies.Tally<String>> overflow = new ArrayList<>();
        t.touch(A, "1", "frames", 200, NOW, 1, overflow);
        t.touch(A, "2", "frames", 200, NOW, 2, overflow);
        t.touch(A, "1", "frames", 200, NOW, 3, overflow);
        t.touch(A, "3", "frames", 200, NOW, 4, overflow);
        assertEquals(1, overflow.size());
        assertEquals("2", overflow.get(0).study());
        assertEquals(2, t.drain().size());
    }
}
