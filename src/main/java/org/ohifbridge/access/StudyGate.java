package org.ohifbridge.access;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.StudyRule;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * Whether the caller of a request may see a study named by its StudyInstanceUID, its Orthanc id or one of its
 * instances. Unrestricted callers pass without a word to Orthanc; for the others the study's facts are asked of
 * Orthanc's index and kept {@value #TTL_SECONDS} s. A study Orthanc does not know passes (the route then answers as
 * for any unknown study); a study no rule opens is hidden: the routes answer as if it did not exist. Each decision is
 * noted for the audit: the rule that opened the study, or that none did.
 */
@ApplicationScoped
public class StudyGate {
    static final int TTL_SECONDS = 10;
    static final int CAPACITY = 10_000;
    private final OrthancApi orthanc;
    private final FactsCache cache = new FactsCache(CAPACITY, Duration.ofSeconds(TTL_SECONDS).toNanos(), System::nanoTime);

    /** For CDI's client proxy only. */
    protected StudyGate() {
        this.orthanc = null;
    }

    @Inject
    public StudyGate(OrthancApi orthanc) {
        this.orthanc = orthanc;
    }

    /** @param uid a StudyInstanceUID (already checked as one) */
    public boolean seesUid(ServletRequest request, String uid) {
        return sees(request, "u:" + uid, () -> {
            JsonNode found = orthanc.findStudies(Map.of("StudyInstanceUID", uid), true, 2);
            return found.isArray() && found.size() == 1 ? Optional.of(StudyFacts.ofOrthanc(found.get(0)))
                    : Optional.empty();
        });
    }

    /** @param studyId an Orthanc study id */
    public boolean seesStudy(ServletRequest request, String studyId) {
        return sees(request, "s:" + studyId, () -> known(() -> orthanc.studyResource(studyId)));
    }

    /** @param instanceId an Orthanc instance id */
    public boolean seesInstance(ServletRequest request, String instanceId) {
        return sees(request, "i:" + instanceId, () -> known(() -> orthanc.studyOfInstance(instanceId)));
    }

    /**
     * A study document was served: its instances' files will be asked for next, and belong to that study. Their
     * decisions are taken from the study's facts (if still cached) instead of one question to Orthanc per file.
     */
    public void vouch(String studyId, java.util.List<String> instanceIds) {
        Optional<StudyFacts> facts = cache.get("s:" + studyId);
        if (facts != null && facts.isPresent()) {
            for (String i : instanceIds.subList(0, Math.min(instanceIds.size(), CAPACITY / 2))) {
                cache.put("i:" + i, facts);
            }
        }
    }

    /** The rule that opens an already fetched study to the caller, noted for the audit; empty: hidden. */
    public Optional<StudyRule> opener(ServletRequest request, StudyFacts study) {
        StudyScope scope = StudyScope.of(request);
        if (scope.unrestricted()) {
            return Optional.of(EVERYONE);
        }
        return scope.opener(study);
    }

    private static final StudyRule EVERYONE = new StudyRule("no rules", "", true, Map.of());

    private boolean sees(ServletRequest request, String key, Supplier<Optional<StudyFacts>> lookup) {
        StudyScope scope = StudyScope.of(request);
        if (scope.unrestricted()) {
            return true;
        }
        Optional<StudyFacts> facts = cache.get(key);
        if (facts == null) {
            facts = lookup.get();
            cache.put(key, facts);
        }
        if (facts.isEmpty()) {
            return true; // unknown to Orthanc: the route says so itself
        }
        Optional<StudyRule> rule = scope.opener(facts.get());
        AuditNote note = AuditNote.of(request);
        if (rule.isPresent()) {
            note.access(rule.get() == StudyScope.EMERGENCY_GRANT ? "emergency grant" : "rule: " + rule.get().name());
            return true;
        }
        note.access(AuditNote.HIDDEN + ": no rule of the user's roles opens the study");
        return false;
    }

    private static Optional<StudyFacts> known(Supplier<JsonNode> study) {
        try {
            return Optional.of(StudyFacts.ofOrthanc(study.get()));
        } catch (OrthancNotFoundException e) {
            return Optional.empty();
        }
    }
}
