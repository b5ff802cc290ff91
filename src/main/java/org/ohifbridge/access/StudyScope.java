package org.ohifbridge.access;

import jakarta.servlet.ServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ohifbridge.config.StudyRule;
import org.ohifbridge.config.StudyRules;

/**
 * The studies one caller may see: every study (no rules configured), or those that one of the rules of their roles
 * opens. The sign-on filter puts it on the request ({@link #attach}); a request without one sees nothing.
 */
public record StudyScope(boolean unrestricted, List<StudyRule> rules, Set<String> granted) {
    public static final StudyScope EVERYTHING = new StudyScope(true, List.of(), Set.of());
    public static final StudyScope NOTHING = new StudyScope(false, List.of(), Set.of());
    /** What {@link #opener} names when an emergency grant, not a rule, opens the study. */
    public static final StudyRule EMERGENCY_GRANT = new StudyRule("emergency grant", "", false, java.util.Map.of());
    private static final String ATTRIBUTE = StudyScope.class.getName();

    public StudyScope {
        rules = List.copyOf(rules);
        granted = Set.copyOf(granted);
    }

    public static StudyScope of(StudyRules rules, Predicate<String> hasRole) {
        return of(rules, hasRole, Set.of());
    }

    /** @param granted StudyInstanceUIDs the caller holds an emergency grant for */
    public static StudyScope of(StudyRules rules, Predicate<String> hasRole, Set<String> granted) {
        return rules.configured() ? new StudyScope(false, rules.of(hasRole), granted) : EVERYTHING;
    }

    /**
     * The rule that opens the study to this caller (the first, in the file's order), or {@link #EMERGENCY_GRANT} for a
     * study they hold a grant for; empty: hidden.
     */
    public Optional<StudyRule> opener(StudyFacts study) {
        for (StudyRule r : rules) {
            if (r.opens(study::get)) {
                return Optional.of(r);
            }
        }
        return granted.contains(study.uid()) ? Optional.of(EMERGENCY_GRANT) : Optional.empty();
    }

    /** Whether some rule opens every study to this caller: searches need no narrowing. */
    public boolean seesEverything() {
        return unrestricted || rules.stream().anyMatch(StudyRule::everything);
    }

    public void attach(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static StudyScope of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof StudyScope s ? s : NOTHING;
    }
}
