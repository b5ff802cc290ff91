package org.ohifbridge.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmergencyGrantsTest {
    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aGrantOpensOneStudyToOneUserUntilItEnds() {
        Hands clock = new Hands();
        EmergencyGrants grants = new EmergencyGrants(Duration.ofMinutes(60), clock);
        EmergencyGrants.Grant g = grants.grant("dr-who", "1.2.3", "  trauma bay 2, patient unconscious  ");
        assertEquals("trauma bay 2, patient unconscious", g.reason());
        assertEquals(Instant.parse("2026-12-06T11:00:00Z"), g.until());
        assertEquals(Set.of("1.2.3"), grants.active("dr-who"));
        assertEquals(Set.of(), grants.active("someone-else"));
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertEquals(Set.of("1.2.3"), grants.active("dr-who"));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals(Set.of(), grants.active("dr-who"), "ended after 60 minutes");
        assertEquals(1, grants.recent(10).size(), "still listed for review");
    }

    @Test
    void aReasonIsRequiredAndBoundedAndGrantsPerUserAreCapped() {
        assertNotNull(EmergencyGrants.refuses(null));
        assertNotNull(EmergencyGrants.refuses("   urgent  "), "too short");
        assertNotNull(EmergencyGrants.refuses("x".repeat(EmergencyGrants.MAX_REASON + 1)));
        assertNotNull(EmergencyGrants.refuses("stroke alert\u0000 now"));
        assertNull(EmergencyGrants.refuses("stroke alert,\nneeds prior CT"));
        EmergencyGrants grants = new EmergencyGrants(Duration.ofMinutes(60), new Hands());
        assertThrows(IllegalArgumentException.class, () -> grants.grant("u", "1.2.3", "short"));
        for (int i = 0; i < EmergencyGrants.MAX_PER_USER; i++) {
            grants.grant("u", "1.2." + i, "on call, stroke alert");
        }
        assertThrows(IllegalStateException.class, () -> grants.grant("u", "1.3", "on call, stroke alert"));
        assertEquals(EmergencyGrants.MAX_PER_USER, grants.active("u").size());
    }
}
