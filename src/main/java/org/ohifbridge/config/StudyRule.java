package org.ohifbridge.config;

import java.util.Map;
import java.util.function.Function;

/**
 * One access rule: users holding {@code role} may see the studies whose attributes all match {@code matches}, or
 * every study when {@code everything}.
 *
 * @param name    how audit events and the review page name the rule
 * @param matches attribute to pattern; empty when {@code everything}
 */
public record StudyRule(String name, String role, boolean everything, Map<StudyTag, TagPattern> matches) {
    public StudyRule {
        matches = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(matches)); // the file's order
    }

    /** @param attribute a study's value of each tag (null when the study has none) */
    public boolean opens(Function<StudyTag, String> attribute) {
        if (everything) {
            return true;
        }
        for (Map.Entry<StudyTag, TagPattern> m : matches.entrySet()) {
            if (!m.getValue().matches(attribute.apply(m.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
