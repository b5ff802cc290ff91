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
 * Orthanc's index and kept {@value #TTL_SECONDS} s. A study no rule opens is hidden, and a study Orthanc does not have
 * is not seen either: the routes answer both as an unknown study, so one that arrives between the question and the
 * answer is not served unchecked. Each decision on a known study is noted for the audit: the rule that opened it, or
 * that none did.
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
        return decideUid(request, uid) == Decision.VISIBLE;
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

    /** What the rules make of a study for one caller. */
    public enum Decision {
        /** a rule (or a grant) opens it, or no rules apply */
        VISIBLE,
        /** Orthanc has it, and nothing opens it to the caller */
        HIDDEN,
        /** Orthanc does not have it (now) */
        UNKNOWN
    }

    /**
     * The decision on a study named by StudyInstanceUID. {@link #seesUid} is true for {@link Decision#VISIBLE} only: an
     * unknown study is answered as unknown whatever happens next (one that arrives meanwhile is decided then).
     */
    public Decision decideUid(ServletRequest request, String uid) {
        return decide(request, "u:" + uid, () -> {
            JsonNode found = orthanc.findStudies(Map.of("StudyInstanceUID", uid), true, 2);
            return found.isArray() && found.size() == 1 ? Optional.of(StudyFacts.ofOrthanc(found.get(0)))
                    : Optional.empty();
        });
    }

    private boolean sees(ServletRequest request, String key, Supplier<Optional<StudyFacts>> lookup) {
        return decide(request, key, lookup) == Decision.VISIBLE;
    }

    private Decision decide(ServletRequest request, String key, Supplier<Optional<StudyFacts>> lookup) {
        StudyScope scope = StudyScope.of(request);
        if (scope.unrestricted()) {
            return Decision.VISIBLE;
        }
        Optional<StudyFacts> facts = cache.get(key);
        if (facts == null) {
            facts = lookup.get();
            if (facts.isPresent()) { // an unknown study is asked again: it may arrive any moment
                cache.put(key, facts);
            }
        }
        if (facts.isEmpty()) {
            return Decision.UNKNOWN; // the route answers as for an unknown study: it is one
        }
        Optional<StudyRule> rule = scope.opener(facts.get());
        AuditNote note = AuditNote.of(request);
        if (rule.isPresent()) {
            note.access(rule.get() == StudyScope.EMERGENCY_GRANT ? "emergency grant" : "rule: " + rule.get().name());
            return Decision.VISIBLE;
        }
        note.access(AuditNote.HIDDEN + ": no rule of the user's roles opens the study");
        return Decision.HIDDEN;
    }

    private static Optional<StudyFacts> known(Supplier<JsonNode> study) {
        try {
            return Optional.of(StudyFacts.ofOrthanc(study.get()));
        } catch (OrthancNotFoundException e) {
            return Optional.empty();
        }
    }
}
