package org.ohifbridge.portal;

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
import java.util.function.Predicate;
import org.ohifbridge.access.StudyFacts;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.HtmlPages;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;

/**
 * The launcher at {@code {ctx}/}: the latest arrivals, or a search ({@code ?q=doe&page=2}), 25 studies a page, each
 * with the five ways to open it. Replaces the plugin's button in Orthanc Explorer.
 */
@Path("")
@ApplicationScoped
public class LauncherResource {
    static final int PAGE_SIZE = 25;

    private final PortalStudies studies;
    private final PublicPaths publicPaths;
    private final Settings settings;
    private final PreloadService preload;
    private final BackfillService backfill;

    /** For CDI's client proxy only. */
    protected LauncherResource() {
        this.studies = null;
        this.publicPaths = null;
        this.settings = null;
        this.preload = null;
        this.backfill = null;
    }

    @Inject
    public LauncherResource(PortalStudies studies, PublicPaths publicPaths, Settings settings, PreloadService preload,
                            BackfillService backfill) {
        this.studies = studies;
        this.publicPaths = publicPaths;
        this.settings = settings;
        this.preload = preload;
        this.backfill = backfill;
    }

    @GET
    public Response launcher(@QueryParam("q") String q, @QueryParam("page") String page,
                             @Context HttpServletRequest request) {
        PortalPages pages = PortalPages.of(publicPaths.of(request), settings.dataSource());
        String text;
        int pageNumber;
        try {
            text = SearchText.clean(q);
            pageNumber = pageNumber(page);
        } catch (LinkException e) {
            return HtmlPages.page(400, pages.message("Cannot search", e.getMessage(), "")).build();
        }
        AuditNote note = AuditNote.of(request);
        note.query(text.isEmpty() ? "(latest)" : text);
        try {
            List<StudySummary> rows;
            Pagination p;
            boolean truncated = false;
            StudyScope scope = StudyScope.of(request);
            if (text.isEmpty() && scope.seesEverything()) {
                p = new Pagination(pageNumber, PAGE_SIZE, studies.count());
                rows = studies.newest(p);
            } else {
                PortalStudies.Found found = text.isEmpty() ? studies.opened(scope.rules(), scope.granted(), visible(scope))
                        : studies.search(text, visible(scope));
                truncated = found.truncated();
                p = new Pagination(pageNumber, PAGE_SIZE, found.studies().size());
                rows = found.studies().subList((int) p.first(), (int) p.first() + p.rows());
                note.matches(found.studies().size());
            }
            List<String> emergency = text.isEmpty() || scope.seesEverything() || !mayAskForEmergency(request)
                    ? List.of() : hiddenMatches(text, scope);
            String html = pages.launcher(new PortalPages.Launcher(text, p, studies.withSeries(rows), truncated,
                    ProgressLine.of(preload.status(), backfill.status()), Optional.ofNullable(request.getRemoteUser()),
                    emergency));
            return HtmlPages.page(200, html).build();
        } catch (OrthancException e) {
            return ArchiveUnavailable.page(pages, e);
        }
    }

    private boolean mayAskForEmergency(HttpServletRequest request) {
        return settings.studyRules().configured() && request.getRemoteUser() != null
                && request.isUserInRole(settings.emergency().role());
    }

    /** What the search finds without the rules that the rules hide (at most {@value #EMERGENCY_SHOWN} studies). */
    private List<String> hiddenMatches(String text, StudyScope scope) {
        Predicate<StudyFacts> visible = visible(scope);
        List<String> out = new java.util.ArrayList<>();
        for (StudySummary s : studies.search(text, visible.negate()).studies()) {
            if (out.size() < EMERGENCY_SHOWN && !s.studyUid().isEmpty()) {
                out.add(s.studyUid());
            }
        }
        return out;
    }

    /** Hidden matches offered for emergency access on one page. */
    static final int EMERGENCY_SHOWN = 10;

    /** The studies a caller's access rules let them see (all without rules). */
    static Predicate<StudyFacts> visible(StudyScope scope) {
        return scope.seesEverything() ? f -> true : f -> scope.opener(f).isPresent();
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
