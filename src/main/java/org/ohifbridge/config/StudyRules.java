package org.ohifbridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ohifbridge.Json;

/**
 * Who may see which study (setting {@code StudyRulesFile}; README, "Who sees which study"): rules from a JSON file,
 * read and checked at start. Without the file every viewer sees every study ({@link #NONE}).
 *
 * <pre>{"rules": [
 *   {"name": "Site A", "role": "site-a", "studies": {"InstitutionName": "Site A*"}},
 *   {"name": "All studies", "role": "radiology", "studies": "all"}]}</pre>
 */
public record StudyRules(boolean configured, List<StudyRule> rules) {
    public static final StudyRules NONE = new StudyRules(false, List.of());
    public static final int MAX_RULES = 500;
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final Set<String> RULE_FIELDS = Set.of("name", "role", "studies");

    public StudyRules {
        rules = List.copyOf(rules);
    }

    /** The rules of the roles a caller holds; every study when no rules are configured. */
    public List<StudyRule> of(Predicate<String> hasRole) {
        if (!configured) {
            return rules;
        }
        List<StudyRule> out = new ArrayList<>();
        for (StudyRule r : rules) {
            if (hasRole.test(r.role())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * @param problems where each problem goes, prefixed by {@code source}; the rules are good only if none was added
     */
    public static StudyRules parse(byte[] json, String source, List<String> problems) {
        String at = Setting.STUDY_RULES_FILE + " " + source + ": ";
        if (json.length > MAX_FILE_BYTES) {
            problems.add(at + "larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            return NONE;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (IOException e) {
            problems.add(at + "not JSON (" + firstLine(e.getMessage()) + ")");
            return NONE;
        }
        if (root == null || !root.isObject() || !root.path("rules").isArray() || root.size() != 1) {
            problems.add(at + "must be an object with one member, \"rules\": an array of rules");
            return NONE;
        }
        JsonNode array = root.get("rules");
        if (array.size() > MAX_RULES) {
            problems.add(at + "more than " + MAX_RULES + " rules");
            return NONE;
        }
        List<StudyRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int before = problems.size();
        for (int i = 0; i < array.size(); i++) {
            String where = at + "rule " + (i + 1) + ": ";
            rule(array.get(i), i + 1, where, problems).ifPresent(r -> {
                if (!names.add(r.name())) {
                    problems.add(where + "the name \"" + r.name() + "\" is used twice");
                }
                rules.add(r);
            });
        }
        if (array.isEmpty()) {
            problems.add(at + "no rules: with this file nobody would see any study (leave the setting out to let every"
                    + " viewer see every study)");
        }
        return problems.size() > before ? NONE : new StudyRules(true, rules);
    }

    private static Optional<StudyRule> rule(JsonNode r, int number, String where, List<String> problems) {
        if (!r.isObject()) {
            problems.add(where + "must be an object with \"role\" and \"studies\"");
            return Optional.empty();
        }
        int before = problems.size();
        for (Iterator<String> f = r.fieldNames(); f.hasNext(); ) {
            String field = f.next();
            if (!RULE_FIELDS.contains(field)) {
                problems.add(where + "unknown member \"" + field + "\" (a rule has name, role, studies)");
            }
        }
        String role = r.path("role").isTextual() ? r.path("role").asText().strip() : "";
        if (role.isEmpty()) {
            problems.add(where + "\"role\" must name a role");
        }
        JsonNode name = r.path("name");
        if (!name.isMissingNode() && (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 100)) {
            problems.add(where + "\"name\" must be a text of 1 to 100 characters");
        }
        String ruleName = name.isTextual() && !name.asText().isBlank() ? name.asText().strip()
                : "rule " + number + " (" + role + ")";
        JsonNode studies = r.path("studies");
        boolean everything = studies.isTextual() && studies.asText().equals("all");
        Map<StudyTag, TagPattern> matches = new LinkedHashMap<>();
        if (!everything) {
            if (!studies.isObject() || studies.isEmpty()) {
                problems.add(where + "\"studies\" must be \"all\" or an object of attributes to match, e.g."
                        + " {\"InstitutionName\": \"Site A*\"}");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = studies.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    Optional<StudyTag> tag = StudyTag.ofKeyword(m.getKey());
                    if (tag.isEmpty()) {
                        problems.add(where + "\"" + m.getKey() + "\" cannot be matched (one of " + StudyTag.keywords()
                                + ")");
                    } else if (!m.getValue().isTextual()) {
                        problems.add(where + m.getKey() + " must be a text (exact, or with * and ? wildcards)");
                    } else {
                        TagPattern p = TagPattern.parse(m.getValue().asText(), tag.get(),
                                why -> problems.add(where + m.getKey() + ": " + why));
                        if (p != null) {
                            matches.put(tag.get(), p);
                        }
                    }
                }
            }
        }
        // attributes matched by "*" alone match every study: such a rule opens everything (and searches need no merge)
        boolean universal = !matches.isEmpty() && matches.values().stream().allMatch(TagPattern::isUniversal);
        return problems.size() > before ? Optional.empty()
                : Optional.of(new StudyRule(ruleName, role, everything || universal,
                        everything || universal ? Map.of() : matches));
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
