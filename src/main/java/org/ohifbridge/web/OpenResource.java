package org.ohifbridge.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.ohifbridge.audit.AuditAttributes;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.SettingsHolder;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.portal.LinkException;
import org.ohifbridge.portal.LinkResolver;
import org.ohifbridge.portal.OpenRequest;
import org.ohifbridge.portal.OrthancStudies;
import org.ohifbridge.portal.PortalPages;
import org.ohifbridge.portal.StudySummary;

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

    @Inject
    OrthancStudies studies;
    @Inject
    SettingsHolder settings;
    @Inject
    PortalSupport support;

    @GET
    public Response open(@Context UriInfo uri, @Context HttpServletRequest request) {
        PortalPages pages = support.pages(request);
        OpenRequest link;
        try {
            link = OpenRequest.parse(request.getQueryString(), uri.getQueryParameters());
        } catch (LinkException e) {
            request.setAttribute(AuditAttributes.QUERY, OpenRequest.describeRefused(uri.getQueryParameters()));
            return HtmlPages.page(400, pages.message("This link cannot be opened", e.getMessage(), "")).build();
        }
        request.setAttribute(AuditAttributes.QUERY, link.describe());
        DataSource source = settings.get().dataSource();
        LinkResolver.Resolution found;
        try {
            found = LinkResolver.resolve(link, studies, CHOOSER_LIMIT);
        } catch (OrthancException e) {
            return support.orthancFailed(pages, e);
        }
        request.setAttribute(AuditAttributes.MATCHES, found.studies().size());
        request.setAttribute(AuditAttributes.STUDIES, found.studies().stream().map(StudySummary::studyUid).toList());
        return switch (LinkResolver.decide(link, found, source)) {
            case NOT_FOUND -> HtmlPages.page(404, pages.message("No study found", "No study matches "
                    + link.describe() + ". It may not have arrived yet, or the link may be mistyped.", search(link))).build();
            case VIEWER -> Response.status(Response.Status.FOUND)
                    .header("Location", LinkResolver.viewerUrl(support.pages(request).ohifBase(), link, found, source))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "same-origin").build();
            case CHOOSER -> {
                List<StudySummary> rows;
                try {
                    rows = studies.withSeries(found.studies());
                } catch (OrthancException e) {
                    yield support.orthancFailed(pages, e);
                }
                String note = found.missingUids().isEmpty() ? ""
                        : "Not found: " + String.join(", ", found.missingUids()) + ".";
                yield HtmlPages.page(200, pages.chooser(link.describe(), rows, link.mode(), note, found.truncated())).build();
            }
        };
    }

    /** What the 404 page offers to search for: the accession or patient ID (a UID is no use in a text search). */
    private static String search(OpenRequest link) {
        return link.attributes().getOrDefault(OpenRequest.ACCESSION, link.attributes().getOrDefault(OpenRequest.PATIENT_ID, ""));
    }
}
