package org.ohifbridge.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.ohifbridge.audit.AuditAttributes;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.portal.LinkException;
import org.ohifbridge.portal.OrthancStudies;
import org.ohifbridge.portal.Pagination;
import org.ohifbridge.portal.PortalPages;
import org.ohifbridge.portal.SearchText;
import org.ohifbridge.portal.StudySummary;

/**
 * The launcher at {@code {ctx}/}: the latest arrivals, or a search ({@code ?q=doe&page=2}), 25 studies a page, each
 * with the five ways to open it. Replaces the plugin's button in Orthanc Explorer.
 */
@Path("")
@ApplicationScoped
public class LauncherResource {
    static final int PAGE_SIZE = 25;

    @Inject
    OrthancStudies studies;
    @Inject
    PortalSupport support;

    @GET
    public Response launcher(@QueryParam("q") String q, @QueryParam("page") String page,
                             @Context HttpServletRequest request) {
        PortalPages pages = support.pages(request);
        String text;
        int pageNumber;
        try {
            text = SearchText.clean(q);
            pageNumber = pageNumber(page);
        } catch (LinkException e) {
            return HtmlPages.page(400, pages.message("Cannot search", e.getMessage(), "")).build();
        }
        request.setAttribute(AuditAttributes.QUERY, text.isEmpty() ? "(latest)" : text);
        try {
            List<StudySummary> rows;
            Pagination p;
            boolean truncated = false;
            if (text.isEmpty()) {
                p = new Pagination(pageNumber, PAGE_SIZE, studies.count());
                rows = studies.newest(p);
            } else {
                OrthancStudies.Found found = studies.search(text);
                truncated = found.truncated();
                p = new Pagination(pageNumber, PAGE_SIZE, found.studies().size());
                rows = found.studies().subList((int) p.first(), (int) p.first() + p.rows());
                request.setAttribute(AuditAttributes.MATCHES, found.studies().size());
            }
            String html = pages.launcher(new PortalPages.Launcher(text, p, studies.withSeries(rows), truncated,
                    support.progress(), Optional.ofNullable(request.getRemoteUser())));
            return HtmlPages.page(200, html).build();
        } catch (OrthancException e) {
            return support.orthancFailed(pages, e);
        }
    }

    private static int pageNumber(String page) {
        if (page == null || page.isEmpty()) {
            return 1;
        }
        if (!page.matches("[0-9]{1,6}") || Integer.parseInt(page) < 1) {
            throw new LinkException("page must be a number from 1.");
        }
        return Integer.parseInt(page);
    }
}
