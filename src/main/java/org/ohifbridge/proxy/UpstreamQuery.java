package org.ohifbridge.proxy;

import jakarta.ws.rs.BadRequestException;

/**
 * The query Orthanc gets for a DICOMweb request, from the browser's raw one: refused past {@link #MAX_QUERY_CHARS},
 * made safe to send ({@link QueryEncoding}), {@code includefield} lists split ({@link IncludeFieldSplitter}), searches
 * bounded ({@link SearchLimits}) and rendered sizes clamped ({@link ViewportClamp}). Every refusal is a 400 whose
 * message never quotes the query.
 */
public final class UpstreamQuery {
    /**
     * Characters of a raw query. OHIF's longest (a study list search with every filter and its include fields) is
     * well under 1 KiB; Tomcat's default request line and headers stop at 8 KiB, WildFly's at 1 MiB.
     */
    public static final int MAX_QUERY_CHARS = 8 * 1024;

    private UpstreamQuery() {
    }

    /**
     * @param path     an allowed route ({@link DicomWebPaths#isAllowed}), empty segments collapsed
     * @param rawQuery as the container gives it, may be null
     */
    public static String of(String path, String rawQuery) {
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_CHARS) {
            throw new BadRequestException("query too long (at most " + MAX_QUERY_CHARS + " characters)");
        }
        String query = IncludeFieldSplitter.rewrite(QueryEncoding.canonical(rawQuery));
        if (DicomWebPaths.isArchiveSearch(path)) {
            query = SearchLimits.apply(SearchLimits.ARCHIVE_SEARCH_LIMIT, query);
        } else if (DicomWebPaths.isStudySearch(path)) {
            query = SearchLimits.apply(SearchLimits.STUDY_SEARCH_LIMIT, query);
        } else if (DicomWebPaths.isRendered(path)) {
            query = ViewportClamp.apply(query);
        }
        return query;
    }
}
