package org.ohifbridge.portal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.ohifbridge.access.StudyFacts;
import org.ohifbridge.config.StudyRule;
import org.ohifbridge.config.StudyTag;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * Studies as the launcher and the deep links find them in Orthanc 1.10 (no sorting in {@code /tools/find}, no
 * {@code RequestedTags}): exact lookups and text searches ({@link OrthancApi#findStudies}), the newest arrivals in
 * arrival order ({@link OrthancApi#studiesSince}; on an Orthanc that can sort, {@link OrthancApi#studiesNewestFirst}),
 * modalities and instance counts from each listed study's series.
 */
@ApplicationScoped
public class PortalStudies implements StudyFinder {
    /** Matches of one text search that the launcher sorts and pages; past this it asks to narrow the search. */
    public static final int SEARCH_LIMIT = 500;
    /** Time a page may spend on modalities and instance counts. */
    static final long SERIES_BUDGET_MILLIS = 3000;
    /** The DICOM attributes a launcher search looks in. */
    static final List<String> SEARCHED = List.of("PatientName", "PatientID", "AccessionNumber", "StudyDescription");

    private final OrthancApi orthanc;
    /** Whether Orthanc can sort (asked once it answers; null until then). */
    private volatile Boolean sorts;

    /** For CDI's client proxy only. */
    protected PortalStudies() {
        this.orthanc = null;
    }

    @Inject
    public PortalStudies(OrthancApi orthanc) {
        this.orthanc = orthanc;
    }

    /** The result of a text search: sorted newest first, and whether some attribute had more than the limit. */
    public record Found(List<StudySummary> studies, boolean truncated) {
    }

    @Override
    public List<StudySummary> find(Map<String, String> query, boolean caseSensitive, int limit) {
        return summaries(orthanc.findStudies(query, caseSensitive, limit), f -> true);
    }

    /** The same searches, keeping only the studies {@code visible} lets the caller see (access rules). */
    public StudyFinder finder(Predicate<StudyFacts> visible) {
        return (query, caseSensitive, limit) -> summaries(orthanc.findStudies(query, caseSensitive, limit), visible);
    }

    /**
     * Every study one of {@code rules} opens, and those of the caller's emergency grants, newest first (at most {@link #SEARCH_LIMIT} of each rule's, then
     * truncated): the launcher's list for a caller whose access rules open only some studies.
     */
    public Found opened(List<StudyRule> rules, java.util.Set<String> granted, Predicate<StudyFacts> visible) {
        Map<String, StudySummary> byId = new LinkedHashMap<>();
        boolean truncated = false;
        for (String uid : granted) { // the studies of the caller's emergency grants
            summaries(orthanc.findStudies(Map.of("StudyInstanceUID", uid), true, 2), visible)
                    .forEach(s -> byId.putIfAbsent(s.orthancId(), s));
        }
        for (StudyRule rule : rules) {
            Map<String, String> query = new LinkedHashMap<>();
            rule.matches().forEach((tag, pattern) -> query.put(tag.keyword(), pattern.text()));
            boolean names = rule.matches().keySet().stream().anyMatch(StudyTag::personName);
            List<StudySummary> found = summaries(orthanc.findStudies(query, !names, SEARCH_LIMIT + 1), visible);
            truncated |= found.size() > SEARCH_LIMIT;
            found.forEach(s -> byId.putIfAbsent(s.orthancId(), s));
        }
        List<StudySummary> all = new ArrayList<>(byId.values());
        all.sort(LinkResolver.NEWEST_FIRST);
        return new Found(all, truncated);
    }

    /**
     * Studies whose patient name, patient ID, accession number or description contains {@code text} (any case),
     * newest first. {@code text} must hold no wildcard (see {@link SearchText}).
     */
    public Found search(String text, Predicate<StudyFacts> visible) {
        Map<String, StudySummary> byId = new LinkedHashMap<>();
        boolean truncated = false;
        for (String attribute : SEARCHED) {
            // a person name is stored Family^Given: "doe john" and "Doe, John" find it too
            String pattern = attribute.equals("PatientName") ? text.replaceAll("[\\s,^]+", "*") : text;
            List<StudySummary> found = summaries(orthanc.findStudies(Map.of(attribute, "*" + pattern + "*"), false,
                    SEARCH_LIMIT + 1), visible);
            truncated |= found.size() > SEARCH_LIMIT;
            found.forEach(s -> byId.putIfAbsent(s.orthancId(), s));
        }
        List<StudySummary> all = new ArrayList<>(byId.values());
        all.sort(LinkResolver.NEWEST_FIRST);
        return new Found(all, truncated);
    }

    /** How many studies Orthanc holds. */
    public long count() {
        return orthanc.studyCount();
    }

    /** One page of every study, the latest arrivals first. */
    public List<StudySummary> newest(Pagination p) {
        if (p.rows() == 0) {
            return List.of();
        }
        if (sorts()) {
            return summaries(orthanc.studiesNewestFirst(p.first(), p.rows()));
        }
        List<StudySummary> page = summaries(orthanc.studiesSince(p.sinceNewestFirst(), p.rows()));
        Collections.reverse(page);
        return page;
    }

    /**
     * Orthanc 1.12.5 and later list {@code /studies?since=} by id (a hash), so "latest arrivals" must be asked of
     * {@code /tools/find} with {@code OrderBy} there; 1.10 (Debian 12) cannot sort, and its list is in arrival order.
     */
    private boolean sorts() {
        Boolean s = sorts;
        if (s == null) {
            s = orthanc.hasExtendedFind();
            sorts = s;
        }
        return s;
    }

    /**
     * Adds modalities and the number of instances to each study (one call per study; a vanished study is kept). After
     * {@link #SERIES_BUDGET_MILLIS} the remaining rows go without them, so that a slow Orthanc slows a page, never
     * stalls it for minutes.
     */
    public List<StudySummary> withSeries(List<StudySummary> studies) {
        List<StudySummary> out = new ArrayList<>(studies.size());
        long deadline = System.nanoTime() + SERIES_BUDGET_MILLIS * 1_000_000;
        for (StudySummary s : studies) {
            if (System.nanoTime() > deadline) {
                out.add(s);
                continue;
            }
            try {
                JsonNode series = orthanc.studySeries(s.orthancId());
                TreeSet<String> modalities = new TreeSet<>();
                int instances = 0;
                for (JsonNode one : series) {
                    String m = one.path("MainDicomTags").path("Modality").asText("");
                    if (!m.isEmpty()) {
                        modalities.add(m);
                    }
                    instances += one.path("Instances").size();
                }
                out.add(s.withSeries(new ArrayList<>(modalities), instances));
            } catch (OrthancNotFoundException e) {
                out.add(s); // deleted since it was listed
            }
        }
        return out;
    }

    private static List<StudySummary> summaries(JsonNode list) {
        return summaries(list, f -> true);
    }

    private static List<StudySummary> summaries(JsonNode list, Predicate<StudyFacts> visible) {
        List<StudySummary> out = new ArrayList<>();
        for (JsonNode s : list) {
            if (visible.test(StudyFacts.ofOrthanc(s))) {
                StudySummary.fromOrthanc(s).ifPresent(out::add);
            }
        }
        return out;
    }
}
