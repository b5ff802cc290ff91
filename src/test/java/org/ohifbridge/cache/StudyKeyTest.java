package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StudyKeyTest {
    private static final StudyKey.Member A = new StudyKey.Member("aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa", "f1");
    private static final StudyKey.Member B = new StudyKey.Member("bbbbbbbb-bbbbbbbb-bbbbbbbb-bbbbbbbb-bbbbbbbb", "f2");
    private static final StudyKey.Member C = new StudyKey.Member("cccccccc-cccccccc-cccccccc-cccccccc-cccccccc", "f3");

    @Test
    void orderDoesNotMatterContentDoes() {
        String k = StudyKey.of(List.of(A, B));
        assertEquals(32, k.length());
        assertEquals(k, StudyKey.of(List.of(B, A)));
        assertNotEquals(k, StudyKey.of(List.of(A, B, C)), "an instance added");
        assertNotEquals(k, StudyKey.of(List.of(A)), "an instance deleted");
        assertNotEquals(k, StudyKey.of(List.of(A, new StudyKey.Member(B.instanceId(), "f2-new"))), "a file replaced");
        assertNotEquals(StudyKey.of(List.of()), k);
    }
}
