package org.ohifbridge.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.Html;
import org.ohifbridge.http.HtmlPages;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancException;

/**
 * Portal deep links: {@code {ctx}/open?AccessionNumber=A123&mode=mpr}, {@code ?PatientID=…},
 * {@code ?StudyInstanceUID=<uid>[,<uid>…]}. One study → 302 to the viewer; several → a chooser page; none → a 404
 * page; a bad link → a 400 page saying what is wrong.
 */
@Path("open")
@ApplicationScoped
public class OpenResource {
    /** Studies a chooser lists at most. */
    static final int CHOOSER_LIMIT = 100;

    private final PortalStudies studies;
    private final PublicPaths publicPaths;
    private final Settings settings;

    /** For CDI's client proxy only. */
    protected OpenResource() {
        this.studies = null;
        this.publicPaths = null;
        this.settings = null;
    }

    @Inject
    public OpenResource(PortalStudies studies, PublicPaths publicPaths, Settings settings) {
        this.studies = studies;
        this.publicPaths = publicPaths;
        this.settings = settings;
    }

    @GET
    public Response open(@Context UriInfo uri, @Context HttpServletRequest request) {
        DataSource source = settings.dataSource();
        PortalPages pages = PortalPages.of(publicPaths.of(request), source);
        AuditNote note = AuditNote.of(request);
        OpenRequest link;
        try {
            link = OpenRequest.parse(request.getQueryString(), uri.getQueryParameters());
        } catch (LinkException e) {
            note.query(OpenRequest.describeRefused(uri.getQueryParameters()));
            return HtmlPages.page(400, pages.message("This link cannot be opened", e.getMessage(), "")).build();
        }
        note.query(link.describe());
        LinkResolver.Resolution found;
        try {
            // a study the caller's access rules hide is not found, as if Orthanc did not have it
            found = LinkResolver.resolve(link, studies.finder(LauncherResource.visible(StudyScope.of(request))),
                    CHOOSER_LIMIT);
        } catch (OrthancException e) {
            return ArchiveUnavailable.page(pages, e);
        }
        note.matches(found.studies().size());
        note.studies(found.studies().stream().map(StudySummary::studyUid).toList());
        if (found.studies().isEmpty()) {
            Optional<String> hidden = hiddenFromEmergencyUser(link, request);
            if (hidden.isPresent()) { // the user may open it by stating why
                return Response.seeOther(java.net.URI.create(pages.root() + "emergency-access?study="
                        + Html.query(hidden.get()))).header("Cache-Control", "no-store").build();
            }
        }
        return switch (LinkResolver.decide(link, found, source)) {
            case NOT_FOUND -> HtmlPages.page(404, pages.message("No study found", "No study matches "
                    + link.describe() + ". It may not have arrived yet, or the link may be mistyped.", search(link))).build();
            case VIEWER -> Response.status(Response.Status.FOUND)
                    .header("Location", LinkResolver.viewerUrl(pages.ohifBase(), link, found, source))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "same-origin").build();
            case CHOOSER -> {
                List<StudySummary> rows;
                try {
                    rows = studies.withSeries(found.studies());
                } catch (OrthancException e) {
                    yield ArchiveUnavailable.page(pages, e);
                }
                String why = found.missingUids().isEmpty() ? ""
                        : "Not found: " + String.join(", ", found.missingUids()) + ".";
                yield HtmlPages.page(200, pages.chooser(link.describe(), rows, link.mode(), why, found.truncated())).build();
            }
        };
    }

    /**
     * For a user with the emergency role, whom the access rules show nothing of a link: the first study the link would
     * have found without the rules.
     */
    private Optional<String> hiddenFromEmergencyUser(OpenRequest link, HttpServletRequest request) {
        if (!settings.studyRules().configured() || !request.isUserInRole(settings.emergency().role())) {
            return Optional.empty();
        }
        try {
            LinkResolver.Resolution all = LinkResolver.resolve(link, studies, CHOOSER_LIMIT);
            return all.studies().stream().map(StudySummary::studyUid).filter(u -> !u.isEmpty()).findFirst();
        } catch (OrthancException e) {
            return Optional.empty();
        }
    }

    /** What the 404 page offers to search for: the accession or patient ID (a UID is no use in a text search). */
    private static String search(OpenRequest link) {
        return link.attributes().getOrDefault(OpenRequest.ACCESSION, link.attributes().getOrDefault(OpenRequest.PATIENT_ID, ""));
    }
}
