package org.ohifbridge.preload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLogTest {
    @Test
    void everyTenthOfTheWayOnceAndAResumedPassGoesOnFromWhereItWas() {
        ProgressLog log = new ProgressLog(0, 1000, 3600);
        List<Long> logged = new ArrayList<>();
        for (long done = 1; done <= 1000; done++) {
            if (log.due(done, 1000)) {
                logged.add(done);
            }
        }
        assertEquals(List.of(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L), logged);
        ProgressLog resumed = new ProgressLog(450, 1000, 3600);
        assertEquals(false, resumed.due(460, 1000), "still in the fifth tenth");
        assertEquals(true, resumed.due(500, 1000));
    }

    @Test
    void atLeastEverySoManySeconds() {
        ProgressLog log = new ProgressLog(0, 1_000_000, 0);
        assertEquals(true, log.due(1, 1_000_000), "0 s: every call");
    }
}
