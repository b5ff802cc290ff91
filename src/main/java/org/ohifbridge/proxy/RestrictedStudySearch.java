package org.ohifbridge.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ohifbridge.access.StudyFacts;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.config.StudyRule;
import org.ohifbridge.config.StudyTag;
import org.ohifbridge.config.TagPattern;

/**
 * A study-level QIDO-RS search ({@code dicom-web/studies?…}) for a caller whose access rules open only some studies.
 * Orthanc 1.10 cannot search for "this OR that", so each rule of the caller becomes one search, the caller's filters
 * plus the rule's ({@link #queries}); the answers are merged here ({@link #merge}): every study checked against the
 * rules once more, each study once, in one order (newest StudyDate and StudyTime first, then StudyInstanceUID), and the
 * caller's {@code offset} and {@code limit} applied to that list. Orthanc returns matches in an order of its own (not
 * by date), so each search asks for all of them, up to {@link SearchLimits#ARCHIVE_SEARCH_LIMIT}: pages are exact
 * while each rule matches at most that many studies of the search (narrow the search beyond).
 */
public final class RestrictedStudySearch {
    /** Searches one request may send: more rules than that apply to one caller only by a mistake in the rules. */
    public static final int MAX_SEARCHES = 32;
    static final int DEFAULT_LIMIT = SearchLimits.ARCHIVE_SEARCH_LIMIT;

    private final List<QueryParams.Param> filters;
    private final int offset;
    private final int limit;

    /** @param canonicalQuery the caller's query, checked by {@link QueryEncoding#canonical} */
    public RestrictedStudySearch(String canonicalQuery) {
        List<QueryParams.Param> params = QueryParams.parse(IncludeFieldSplitter.rewrite(canonicalQuery));
        this.offset = (int) Math.min(number(params, "offset", 0), Integer.MAX_VALUE);
        long asked = number(params, "limit", 0);
        this.limit = (int) (asked <= 0 ? DEFAULT_LIMIT : Math.min(asked, DEFAULT_LIMIT));
        this.filters = params.stream().filter(p -> !p.is("offset") && !p.is("limit")).toList();
    }

    private static long number(List<QueryParams.Param> params, String name, long otherwise) {
        long value = otherwise;
        for (QueryParams.Param p : params) {
            if (p.is(name)) { // the last one counts, as in Orthanc
                try {
                    value = Long.parseLong(p.value());
                } catch (NumberFormatException e) {
                    throw new BadRequestException(name + " must be a whole number");
                }
                if (value < 0) {
                    throw new BadRequestException(name + " must be a whole number");
                }
            }
        }
        return value;
    }

    /**
     * One raw query per distinct rule of the caller, each asking for the studies the merged page may need, and one per
     * study they hold an emergency grant for ({@code granted}).
     */
    public List<String> queries(List<StudyRule> rules, Set<String> granted) {
        int fetch = SearchLimits.ARCHIVE_SEARCH_LIMIT; // Orthanc's order is not ours: the page needs every match
        Set<String> out = new LinkedHashSet<>();
        for (String uid : granted) {
            List<QueryParams.Param> q = new ArrayList<>();
            boolean other = false;
            for (QueryParams.Param p : filters) {
                if (p.is("StudyInstanceUID") || p.is("0020000D") || p.is("0020000d")) {
                    other |= !p.value().equals(uid);
                } else {
                    q.add(p);
                }
            }
            if (!other) { // a search for another study cannot find this one
                q.add(new QueryParams.Param("StudyInstanceUID", uid));
                q.add(new QueryParams.Param("limit", "1"));
                out.add(QueryParams.join(q));
            }
        }
        for (StudyRule rule : rules) {
            List<QueryParams.Param> q = new ArrayList<>(filters);
            for (Map.Entry<StudyTag, TagPattern> m : rule.matches().entrySet()) {
                if (m.getValue().isUniversal()) {
                    continue; // "*" matches studies without the attribute too, which a search for "*" may not find
                }
                if (!asksFor(m.getKey())) { // the caller's own filter on that attribute stays; the merge checks the rule
                    q.add(new QueryParams.Param(m.getKey().hex(), upstreamPattern(m.getValue())));
                }
                q.add(new QueryParams.Param("includefield", m.getKey().hex()));
            }
            q.add(new QueryParams.Param("limit", Integer.toString(fetch)));
            out.add(QueryParams.join(q));
        }
        if (out.size() > MAX_SEARCHES) {
            throw new IllegalStateException("more than " + MAX_SEARCHES + " access rules apply to one user");
        }
        return List.copyOf(out);
    }

    private boolean asksFor(StudyTag tag) {
        for (QueryParams.Param p : filters) {
            String name = p.name();
            if (name.equalsIgnoreCase(tag.keyword()) || name.toUpperCase(Locale.ROOT).equals(tag.hex())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rule's pattern as Orthanc's QIDO-RS can match it, written so that it needs no percent-encoding. Orthanc
     * 1.10's DICOMweb plugin does not decode the values of a search ({@code 00080080=IT%20Site%20A*} and
     * {@code IT%3FSite%3FA*} find nothing where {@code IT?Site?A*} finds "IT Site A North"), so every character outside
     * letters, digits and {@code -._~} is sent as the one-character wildcard {@code ?}, and a non-ASCII one (several
     * bytes in UTF-8) as {@code *}. Orthanc may then return a few studies more, which {@link #merge} drops.
     */
    static String upstreamPattern(TagPattern pattern) {
        StringBuilder out = new StringBuilder();
        pattern.text().codePoints().forEach(c -> out.append(c == '*' || c == '?' ? (char) c
                : c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0) ? (char) c
                : c < 128 ? '?' : '*'));
        return out.toString();
    }

    /** The page the caller asked for, of the studies the answers hold that the scope opens. */
    public ArrayNode merge(List<JsonNode> answers, StudyScope scope) {
        Map<String, JsonNode> studies = new LinkedHashMap<>();
        for (JsonNode answer : answers) {
            if (answer == null || !answer.isArray()) {
                continue;
            }
            for (JsonNode dataset : answer) {
                StudyFacts facts = StudyFacts.ofDicomJson(dataset);
                if (!facts.uid().isEmpty() && scope.opener(facts).isPresent()) {
                    studies.putIfAbsent(facts.uid(), dataset);
                }
            }
        }
        List<JsonNode> sorted = new ArrayList<>(studies.values());
        sorted.sort(NEWEST_FIRST);
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        for (int i = offset; i < sorted.size() && i < (long) offset + limit; i++) {
            page.add(sorted.get(i));
        }
        return page;
    }

    private static String value(JsonNode dataset, String tag) {
        return dataset.path(tag).path("Value").path(0).asText("");
    }

    static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing((JsonNode d) -> value(d, "00080020"), Comparator.reverseOrder())
            .thenComparing(d -> value(d, "00080030"), Comparator.reverseOrder())
            .thenComparing(d -> value(d, "0020000D"));
}
