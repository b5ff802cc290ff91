package org.ohifbridge.portal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ohifbridge.config.DataSource;

/**
 * From a checked deep link to what the browser gets: one study → the viewer; several UIDs that each name one study
 * (DICOMweb) → the viewer with all of them; several matches, or some UIDs not found → the chooser; nothing → not found.
 */
public final class LinkResolver {
    /** What {@code open} answers. */
    public enum Action { VIEWER, CHOOSER, NOT_FOUND }

    /**
     * @param studies     what matched, in Orthanc's order (at most the limit)
     * @param missingUids UIDs of the link that matched nothing
     * @param truncated   more studies matched than the limit
     */
    public record Resolution(List<StudySummary> studies, List<String> missingUids, boolean truncated) {
    }

    /** The chooser lists the latest study first, as the launcher does. */
    static final Comparator<StudySummary> NEWEST_FIRST = Comparator.comparing(StudySummary::sortKey).reversed();

    /** Matches read for one link before sorting (Orthanc 1.10 cannot sort). */
    static final int FETCHED = 1000;

    private LinkResolver() {
    }

    /**
     * @param limit studies kept; up to {@link #FETCHED} matches are read and sorted first, so that a patient with
     *              many studies sees the newest ones
     */
    public static Resolution resolve(OpenRequest request, StudyFinder finder, int limit) {
        if (request.studyUids().isEmpty()) {
            List<StudySummary> found = new ArrayList<>(finder.find(request.attributes(), true, Math.max(limit, FETCHED) + 1));
            found.sort(NEWEST_FIRST);
            boolean truncated = found.size() > limit;
            return new Resolution(truncated ? found.subList(0, limit) : found, List.of(), truncated);
        }
        List<StudySummary> studies = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean truncated = false;
        for (String uid : request.studyUids()) {
            Map<String, String> query = new LinkedHashMap<>(request.attributes());
            query.put(OpenRequest.STUDY_UID, uid);
            List<StudySummary> found = finder.find(query, true, limit + 1);
            if (found.isEmpty()) {
                missing.add(uid);
            }
            for (StudySummary s : found) {
                if (studies.size() < limit) {
                    studies.add(s);
                } else {
                    truncated = true;
                }
            }
        }
        studies.sort(NEWEST_FIRST);
        return new Resolution(studies, missing, truncated);
    }

    public static Action decide(OpenRequest request, Resolution r, DataSource source) {
        if (r.studies().isEmpty()) {
            return Action.NOT_FOUND;
        }
        if (!r.missingUids().isEmpty() || r.truncated()) {
            return Action.CHOOSER;
        }
        if (r.studies().size() == 1) {
            return Action.VIEWER;
        }
        // every UID named exactly one study: OHIF opens them together (the DICOM JSON source takes one study only)
        boolean onePerUid = !request.studyUids().isEmpty() && r.studies().size() == request.studyUids().size();
        return onePerUid && source == DataSource.DICOM_WEB ? Action.VIEWER : Action.CHOOSER;
    }

    /** The viewer address for {@link Action#VIEWER}. */
    public static String viewerUrl(String ohifBase, OpenRequest request, Resolution r, DataSource source) {
        return r.studies().size() == 1 ? ViewerUrls.of(ohifBase, source, request.mode(), r.studies().get(0))
                : ViewerUrls.together(ohifBase, request.mode(), r.studies());
    }
}
