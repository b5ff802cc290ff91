package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.config.StudyRules;
import org.ohifbridge.config.StudyTag;
import org.ohifbridge.config.TagPattern;

class RestrictedStudySearchTest {
    static final StudyRules RULES = StudyRules.parse("""
            {"rules": [
              {"name": "A", "role": "a", "studies": {"InstitutionName": "Site A*"}},
              {"name": "B", "role": "b", "studies": {"InstitutionName": "Site B", "StudyDescription": "CT *"}}]}"""
            .getBytes(StandardCharsets.UTF_8), "rules.json", new ArrayList<>());

    static ObjectNode study(String uid, String date, String institution, String description) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.putObject("0020000D").put("vr", "UI").putArray("Value").add(uid);
        d.putObject("00080020").put("vr", "DA").putArray("Value").add(date);
        d.putObject("00080080").put("vr", "LO").putArray("Value").add(institution);
        d.putObject("00081030").put("vr", "LO").putArray("Value").add(description);
        return d;
    }

    static List<String> uids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.forEach(d -> out.add(d.path("0020000D").path("Value").get(0).asText()));
        return out;
    }

    @Test
    void oneSearchPerRuleWithTheCallersFiltersAskingForEveryMatch() {
        RestrictedStudySearch s = new RestrictedStudySearch("PatientName=*DOE*&limit=10&offset=20&includefield=00081030");
        List<String> q = s.queries(RULES.of(Set.of("a", "b")::contains), Set.of());
        assertEquals(List.of(
                "PatientName=*DOE*&includefield=00081030&00080080=Site?A*&includefield=00080080&limit=1000",
                "PatientName=*DOE*&includefield=00081030&00080080=Site?B&includefield=00080080"
                        + "&00081030=CT?*&includefield=00081030&limit=1000"), q);
        // the caller's own filter on a rule's attribute stays (the merge checks the rule)
        assertEquals(List.of("InstitutionName=Site%20A%20North&includefield=00080080&limit=1000"),
                new RestrictedStudySearch("InstitutionName=Site%20A%20North").queries(RULES.of("a"::equals), Set.of()));
        assertEquals("Site?A?*?H*pital?1*", RestrictedStudySearch.upstreamPattern(TagPattern.of(
                "Site A&*(H\u00f4pital)1*", StudyTag.INSTITUTION_NAME)), "nothing Orthanc would have to decode");
        assertThrows(BadRequestException.class, () -> new RestrictedStudySearch("limit=-1"));
        assertThrows(BadRequestException.class, () -> new RestrictedStudySearch("offset=x"));
    }

    @Test
    void theAnswersAreMergedCheckedOrderedAndPagedHere() {
        StudyScope both = StudyScope.of(RULES, Set.of("a", "b")::contains);
        ArrayNode a = JsonNodeFactory.instance.arrayNode()
                .add(study("1.1", "20240101", "Site A North", "MR head"))
                .add(study("1.2", "20230101", "Site A South", "CT chest"))
                .add(study("9.9", "20250101", "Site C", "CT chest")); // what Orthanc matched that no rule opens
        ArrayNode b = JsonNodeFactory.instance.arrayNode()
                .add(study("2.1", "20240601", "Site B", "CT abdomen"))
                .add(study("1.2", "20230101", "Site A South", "CT chest")) // found by both searches: once
                .add(study("2.2", "20220101", "Site B", "MR knee")); // Site B, but not CT: rule B does not open it
        List<JsonNode> answers = List.of(a, b);
        assertEquals(List.of("2.1", "1.1", "1.2"), uids(new RestrictedStudySearch("").merge(answers, both)));
        assertEquals(List.of("1.1"), uids(new RestrictedStudySearch("limit=1&offset=1").merge(answers, both)));
        assertEquals(List.of("1.2"), uids(new RestrictedStudySearch("limit=2&offset=2").merge(answers, both)));
        assertEquals(List.of(), uids(new RestrictedStudySearch("offset=3").merge(answers, both)));
        StudyScope onlyA = StudyScope.of(RULES, "a"::equals);
        assertEquals(List.of("1.1", "1.2"), uids(new RestrictedStudySearch("").merge(answers, onlyA)));
        assertEquals(List.of(), uids(new RestrictedStudySearch("").merge(answers, StudyScope.of(RULES, r -> false))));
    }
}
