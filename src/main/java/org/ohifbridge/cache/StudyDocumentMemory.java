package org.ohifbridge.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recently used study documents, bounded by their compressed size. */
public final class StudyDocumentMemory {
    private final long budget;
    private final LinkedHashMap<String, StudyDocument> byStudy = new LinkedHashMap<>(64, 0.75f, true);
    private long used;

    public StudyDocumentMemory(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** The document of the study if it was built for exactly this key. */
    public synchronized Optional<StudyDocument> get(String studyId, String key) {
        StudyDocument d = byStudy.get(studyId);
        return d != null && d.key().equals(key) ? Optional.of(d) : Optional.empty();
    }

    public synchronized void put(String studyId, StudyDocument doc) {
        if (doc.gzip().length > budget) {
            return;
        }
        StudyDocument old = byStudy.put(studyId, doc);
        used += doc.gzip().length - (old == null ? 0 : old.gzip().length);
        Iterator<Map.Entry<String, StudyDocument>> eldest = byStudy.entrySet().iterator();
        while (used > budget && eldest.hasNext()) {
            Map.Entry<String, StudyDocument> e = eldest.next();
            used -= e.getValue().gzip().length;
            eldest.remove();
        }
    }

    public synchronized int size() {
        return byStudy.size();
    }
}
