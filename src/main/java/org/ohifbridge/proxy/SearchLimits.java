package org.ohifbridge.proxy;

import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds the work one QIDO-RS search asks of Orthanc. Orthanc's DICOMweb plugin hands a search to {@code /tools/find}
 * with the request's {@code limit}; without one, or with {@code limit=0}, it matches and formats every resource of the
 * archive, and of several {@code limit}s the last one counts ({@code Plugin/QidoRs.cpp}, {@code ModuleMatcher}).
 *
 * <p>What a user sees:
 * <ul>
 * <li>OHIF's study list asks for {@code limit=101} and says "more than 100" past that (OHIF 3
 * {@code extensions/default/src/DicomWebDataSource/qido.js}, {@code mapParams}): passed on as it is. A search of the
 * whole archive ({@code studies}, {@code series}, {@code instances}) without a limit, with {@code limit=0} or with a
 * larger one gets {@link #ARCHIVE_SEARCH_LIMIT}: more rows than anyone reads in a list.</li>
 * <li>Inside one study ({@code studies/{uid}/series}, {@code studies/{uid}/instances},
 * {@code studies/{uid}/series/{uid}/instances}) OHIF asks without a limit and must get every series
 * ({@code seriesInStudy}); the work is bounded by the study itself, so {@link #STUDY_SEARCH_LIMIT} is set far above any
 * real study and only stops a runaway answer.</li>
 * <li>Either way, a client that wants more pages with {@code offset}, as DICOM PS3.18 §8.3.4 provides (the answer
 * carries no warning that it was cut: Orthanc writes none).</li>
 * <li>{@code limit} and {@code offset} must be whole numbers (Orthanc's {@code boost::lexical_cast} would fail with a
 * 500, or read {@code -1} as 4294967295).</li>
 * <li>More than {@link #MAX_WILDCARDS} {@code *} or {@code ?} in the values: 400. Each wildcard is a term that
 * Orthanc matches against every candidate resource; OHIF writes two per filled field ({@code *value*}).</li>
 * </ul>
 */
public final class SearchLimits {
    /** Rows of a search of the whole archive; OHIF's study list asks for 101, a list of 1,000 is read by no one. */
    public static final int ARCHIVE_SEARCH_LIMIT = 1000;
    /**
     * Rows of a search inside one study; above the largest studies in practice (a multi-run fMRI study holds some
     * 20,000 single-frame instances), so OHIF's unlimited series and instance lists are never cut.
     */
    public static final int STUDY_SEARCH_LIMIT = 50_000;
    /** {@code *} and {@code ?} in all the values of one search; OHIF writes at most 8 ({@code *value*} in 4 fields). */
    public static final int MAX_WILDCARDS = 32;

    private static final String LIMIT = "limit";
    private static final String OFFSET = "offset";

    private SearchLimits() {
    }

    /**
     * @param cap   {@link #ARCHIVE_SEARCH_LIMIT} or {@link #STUDY_SEARCH_LIMIT}, by the route
     * @param query canonical ({@link QueryEncoding#canonical}), may be null
     * @return the query with one {@code limit} of at most {@code cap}; unchanged when it already has one
     * @throws BadRequestException for a limit or offset that is not a whole number, or too many wildcards
     */
    public static String apply(int cap, String query) {
        List<QueryParams.Param> params = QueryParams.parse(query);
        int wildcards = 0;
        long limit = -1;
        int limits = 0;
        for (QueryParams.Param p : params) {
            String value = p.value();
            wildcards += (int) value.chars().filter(c -> c == '*' || c == '?').count();
            if (p.is(LIMIT)) {
                limit = wholeNumber(value, LIMIT);
                limits++;
            } else if (p.is(OFFSET) && wholeNumber(value, OFFSET) == Long.MAX_VALUE) {
                throw new BadRequestException("offset is too large"); // Orthanc reads an unsigned 32-bit number
            }
        }
        if (wildcards > MAX_WILDCARDS) {
            throw new BadRequestException("too many wildcards in the search (at most " + MAX_WILDCARDS + ")");
        }
        if (limits == 1 && limit > 0 && limit <= cap) {
            return query;
        }
        long effective = limit > 0 ? Math.min(limit, cap) : cap;
        List<QueryParams.Param> out = new ArrayList<>(params);
        out.removeIf(p -> p.is(LIMIT));
        out.add(new QueryParams.Param(LIMIT, Long.toString(effective)));
        return QueryParams.join(out);
    }

    /** A non-negative whole number; more than 9 digits reads as "very large". */
    private static long wholeNumber(String value, String name) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequestException(name + " must be a whole number");
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
