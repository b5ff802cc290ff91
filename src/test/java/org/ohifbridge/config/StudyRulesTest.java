package org.ohifbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudyRulesTest {
    private static StudyRules parse(String json, List<String> problems) {
        return StudyRules.parse(json.getBytes(StandardCharsets.UTF_8), "/etc/rules.json", problems);
    }

    private static List<String> problems(String json) {
        List<String> problems = new ArrayList<>();
        parse(json, problems);
        return problems;
    }

    @Test
    void rulesOpenStudiesByTheirAttributesForTheRolesThatHoldThem() {
        List<String> problems = new ArrayList<>();
        StudyRules rules = parse("""
                {"rules": [
                  {"name": "Site A", "role": "site-a", "studies": {"InstitutionName": "Site A*"}},
                  {"role": "trial", "studies": {"StudyDescription": "TRIAL-?? *", "InstitutionName": "Site B"}},
                  {"name": "All", "role": "radiology", "studies": "all"}]}""", problems);
        assertEquals(List.of(), problems);
        assertTrue(rules.configured());
        assertEquals(List.of("Site A", "rule 2 (trial)", "All"), rules.rules().stream().map(StudyRule::name).toList());
        StudyRule siteA = rules.rules().get(0);
        assertTrue(siteA.opens(Map.of(StudyTag.INSTITUTION_NAME, "Site A Cardiology")::get));
        assertFalse(siteA.opens(Map.of(StudyTag.INSTITUTION_NAME, "site a cardiology")::get), "case counts");
        assertFalse(siteA.opens(Map.<StudyTag, String>of()::get), "no institution: not Site A's");
        assertTrue(siteA.opens(Map.of(StudyTag.INSTITUTION_NAME, "Other\\Site A North")::get), "one of several values");
        StudyRule trial = rules.rules().get(1);
        assertTrue(trial.opens(Map.of(StudyTag.INSTITUTION_NAME, "Site B", StudyTag.STUDY_DESCRIPTION, "TRIAL-07 CT")::get));
        assertFalse(trial.opens(Map.of(StudyTag.INSTITUTION_NAME, "Site B", StudyTag.STUDY_DESCRIPTION, "TRIAL-7 CT")::get),
                "? is exactly one character");
        assertFalse(trial.opens(Map.of(StudyTag.STUDY_DESCRIPTION, "TRIAL-07 CT")::get), "every attribute must match");
        assertTrue(rules.rules().get(2).opens(Map.<StudyTag, String>of()::get));
        assertEquals(List.of(siteA), rules.of(Set.of("site-a", "someone-else")::contains));
        assertEquals(2, rules.of(Set.of("site-a", "trial")::contains).size(), "the union over the user's roles");
        assertEquals(List.of(), rules.of(role -> false));
    }

    @Test
    void personNamesMatchWhateverTheCaseAndWildcardsAreNotRegularExpressions() {
        StudyRules rules = parse("""
                {"rules": [{"role": "r", "studies": {"ReferringPhysicianName": "DOE^J*", "AccessionNumber": "A.1(2)"}}]}""",
                new ArrayList<>());
        StudyRule r = rules.rules().get(0);
        assertTrue(r.opens(Map.of(StudyTag.REFERRING_PHYSICIAN_NAME, "Doe^John", StudyTag.ACCESSION_NUMBER, "A.1(2)")::get));
        assertFalse(r.opens(Map.of(StudyTag.REFERRING_PHYSICIAN_NAME, "Doe^John", StudyTag.ACCESSION_NUMBER, "AX1(2)")::get));
    }

    @Test
    void anAsteriskAloneMatchesEveryStudyEvenWithoutTheAttribute() {
        StudyRules rules = parse("""
                {"rules": [{"role": "r", "studies": {"AccessionNumber": "**"}},
                           {"role": "s", "studies": {"AccessionNumber": "*", "InstitutionName": "A*"}}]}""",
                new ArrayList<>());
        assertTrue(rules.rules().get(0).everything(), "a rule of universal matches opens everything");
        StudyRule s = rules.rules().get(1);
        assertTrue(s.opens(Map.of(StudyTag.INSTITUTION_NAME, "A North")::get), "no accession number: still matched");
        assertFalse(s.opens(Map.of(StudyTag.ACCESSION_NUMBER, "X")::get));
    }

    @Test
    void everyMistakeIsNamedWithItsRule() {
        assertTrue(problems("{\"rules\": [").get(0).startsWith("StudyRulesFile /etc/rules.json: not JSON"));
        assertTrue(problems("[]").get(0).contains("one member, \"rules\""));
        assertTrue(problems("{\"rules\": [], \"extra\": 1}").get(0).contains("one member"));
        assertTrue(problems("{\"rules\": []}").get(0).contains("no rules"));
        List<String> p = problems("""
                {"rules": [
                  {"role": "", "studies": "all"},
                  {"role": "a", "studies": {"Institution": "X"}},
                  {"role": "b", "studies": {"InstitutionName": ""}},
                  {"role": "c", "studies": {"InstitutionName": 3}},
                  {"role": "d", "studies": "some"},
                  {"role": "e", "studies": {}, "when": "always"},
                  {"name": "x", "role": "f", "studies": "all"},
                  {"name": "x", "role": "g", "studies": "all"},
                  {"role": "h", "studies": {"InstitutionName": "a\\\\b"}}]}""");
        assertEquals(9, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("StudyRulesFile /etc/rules.json: rule 1: \"role\" must name a role"), p.get(0));
        assertTrue(p.get(1).contains("rule 2: \"Institution\" cannot be matched (one of InstitutionName,"), p.get(1));
        assertTrue(p.get(2).contains("rule 3: InstitutionName: an empty value"), p.get(2));
        assertTrue(p.get(3).contains("rule 4: InstitutionName must be a text"), p.get(3));
        assertTrue(p.get(4).contains("rule 5: \"studies\" must be \"all\" or an object"), p.get(4));
        assertTrue(p.get(5).contains("rule 6: unknown member \"when\""), p.get(5));
        assertTrue(p.get(6).contains("rule 6: \"studies\" must be"), p.get(6));
        assertTrue(p.get(7).contains("rule 8: the name \"x\" is used twice"), p.get(7));
        assertTrue(p.get(8).contains("rule 9: InstitutionName: a control character or a backslash"), p.get(8));
        assertTrue(problems("{\"rules\": [{\"role\": \"a\", \"role\": \"b\", \"studies\": \"all\"}]}").get(0)
                .contains("not JSON (Duplicate field 'role'"), "a duplicated member is an error, not the last one winning");
    }
}
