package org.ohifbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingSignOnsTest {
    /** A session as the container keeps it: id, attributes, lifetime. */
    static final class FakeSession {
        final String id;
        final Map<String, Object> attributes = new HashMap<>();
        int maxInactive = 1800;

        FakeSession(String id) {
            this.id = id;
        }

        HttpSession session() {
            return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpSession.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getId" -> id;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "setMaxInactiveInterval" -> {
                            maxInactive = (Integer) args[0];
                            yield null;
                        }
                        case "getMaxInactiveInterval" -> maxInactive;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void sessionsOfSignOnsUnderWayAreShortLivedCappedAndFreedByTheContainerOrTheCallback() {
        PendingSignOns pending = new PendingSignOns(3);
        FakeSession a = new FakeSession("a");
        FakeSession b = new FakeSession("b");
        FakeSession c = new FakeSession("c");
        pending.opened(a.session());
        pending.opened(b.session());
        assertEquals(PendingSignOns.SECONDS, a.maxInactive, "an anonymous session lives minutes, not half an hour");
        assertFalse(pending.full());
        pending.opened(c.session());
        assertTrue(pending.full(), "no fourth sign-on while three are under way");

        pending.sessionDestroyed(new HttpSessionEvent(a.session())); // the container expired it
        assertFalse(pending.full());

        pending.completed(b.session(), 1800);
        assertEquals(1800, b.maxInactive, "a signed-on user's session lives as the container says");
        assertFalse(b.attributes.containsKey(PendingSignOns.MARK));
        assertEquals(1, pending.size());

        // the session gets a new id at the callback (against fixation): the count follows it, and the callback frees it
        FakeSession renewed = new FakeSession("c2");
        renewed.attributes.putAll(c.attributes);
        pending.sessionIdChanged(new HttpSessionEvent(renewed.session()), "c");
        assertEquals(1, pending.size(), "one sign-on still under way, under its new id");
        pending.sessionDestroyed(new HttpSessionEvent(c.session())); // the old id is gone: nothing to free
        assertEquals(1, pending.size());
        pending.completed(renewed.session(), 1800);
        assertEquals(0, pending.size());
        assertEquals(1800, renewed.maxInactive);
    }
}
