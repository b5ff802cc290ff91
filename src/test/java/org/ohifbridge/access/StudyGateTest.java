package org.ohifbridge.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.StudyRules;
import org.ohifbridge.testing.FakeOrthanc;

class StudyGateTest {
    static final StudyRules RULES = StudyRules.parse("{\"rules\": [{\"name\": \"A\", \"role\": \"a\", \"studies\": {\"InstitutionName\": \"A*\"}}]}"
            .getBytes(StandardCharsets.UTF_8), "rules.json", new ArrayList<>());

    /** Orthanc's index: UID to institution; asked how often. */
    final Map<String, String> index = new HashMap<>();
    final AtomicInteger asked = new AtomicInteger();
    final FakeOrthanc orthanc = new FakeOrthanc() {
        @Override
        public JsonNode findStudies(Map<String, String> query, boolean caseSensitive, int limit) {
            asked.incrementAndGet();
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            String uid = query.get("StudyInstanceUID");
            if (index.containsKey(uid)) {
                ObjectNode s = out.addObject();
                s.putObject("MainDicomTags").put("StudyInstanceUID", uid).put("InstitutionName", index.get(uid));
                s.putObject("PatientMainDicomTags");
            }
            return out;
        }
    };

    /** A request as far as the gate looks at it: its attributes (the scope, the audit's note). */
    static ServletRequest request(StudyScope scope) {
        Map<String, Object> attributes = new HashMap<>();
        ServletRequest r = (ServletRequest) Proxy.newProxyInstance(StudyGateTest.class.getClassLoader(),
                new Class<?>[] {ServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        scope.attach(r);
        return r;
    }

    @Test
    void aStudyIsVisibleHiddenOrUnknownAndAnUnknownOneIsAskedAgain() {
        StudyGate gate = new StudyGate(orthanc);
        StudyScope a = StudyScope.of(RULES, "a"::equals);
        assertEquals(StudyGate.Decision.UNKNOWN, gate.decideUid(request(a), "1.2.3"));
        index.put("1.2.3", "B hospital"); // it arrives
        ServletRequest r = request(a);
        assertEquals(StudyGate.Decision.HIDDEN, gate.decideUid(r, "1.2.3"), "not taken for unknown from a cache");
        assertTrue(AuditNote.of(r).hidden());
        index.put("1.2.4", "A North");
        ServletRequest v = request(a);
        assertTrue(gate.seesUid(v, "1.2.4"));
        assertEquals("rule: A", AuditNote.of(v).access().orElseThrow());
        int before = asked.get();
        assertTrue(gate.seesUid(request(a), "1.2.4"));
        assertEquals(before, asked.get(), "a known study's facts are kept a few seconds");
        assertTrue(gate.seesUid(request(StudyScope.of(RULES, "a"::equals, Set.of("1.2.3"))), "1.2.3"),
                "an emergency grant opens it");
        assertFalse(gate.seesUid(request(StudyScope.NOTHING), "1.2.4"), "a request without a scope sees nothing");
        before = asked.get();
        assertTrue(gate.seesUid(request(StudyScope.EVERYTHING), "9.9.9"));
        assertEquals(before, asked.get(), "without rules Orthanc is not asked");
    }
}
