package org.ohifbridge.portal;

import java.util.List;
import java.util.Map;

/** Orthanc's study search, as the link resolution needs it (a fake in unit tests). */
@FunctionalInterface
public interface StudyFinder {
    /**
     * @param query         DICOM attribute → value, matched by Orthanc ({@code /tools/find}, level Study)
     * @param caseSensitive exact identifiers are; free-text searches are not
     * @param limit         the most studies to return
     */
    List<StudySummary> find(Map<String, String> query, boolean caseSensitive, int limit);
}
