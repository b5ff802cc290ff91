package org.ohifbridge.portal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ohifbridge.access.EmergencyGrants;
import org.ohifbridge.access.StudyFacts;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.HtmlPages;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;

/**
 * Emergency access ({@code {ctx}/emergency-access?study=<uid>}): a user holding {@code EmergencyRole} who reaches a
 * study their access rules hide (a deep link sends them here) states why, and the study opens to them for
 * {@code EmergencyMinutes}. Each grant is an audit event ({@code emergency-access}, with the reason). To anyone else,
 * and for a study Orthanc does not have, this page is the deep links' "No study found".
 */
@Path("emergency-access")
@ApplicationScoped
public class EmergencyResource {
    private static final Pattern UID = Pattern.compile("[0-9]{1,64}(\\.[0-9]{1,64}){0,63}");
    private final OrthancApi orthanc;
    private final PublicPaths publicPaths;
    private final Settings settings;
    private final EmergencyGrants grants;

    /** For CDI's client proxy only. */
    protected EmergencyResource() {
        this.orthanc = null;
        this.publicPaths = null;
        this.settings = null;
        this.grants = null;
    }

    @Inject
    public EmergencyResource(OrthancApi orthanc, PublicPaths publicPaths, Settings settings, EmergencyGrants grants) {
        this.orthanc = orthanc;
        this.publicPaths = publicPaths;
        this.settings = settings;
        this.grants = grants;
    }

    @GET
    public Response ask(@QueryParam("study") String uid, @Context HttpServletRequest request) {
        PortalPages pages = PortalPages.of(publicPaths.of(request), settings.dataSource());
        try {
            Optional<JsonNode> found = eligible(uid, request);
            Optional<StudySummary> study = found.flatMap(StudySummary::fromOrthanc);
            if (study.isEmpty()) {
                return notFound(pages);
            }
            if (StudyScope.of(request).opener(StudyFacts.ofOrthanc(found.get())).isPresent()) {
                return viewer(pages, study.get()); // open to them already (a rule, or a grant)
            }
            return HtmlPages.page(200, pages.emergency(uid, minutes(), "", "", user(request))).build();
        } catch (OrthancException e) {
            return ArchiveUnavailable.page(pages, e);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grant(@FormParam("study") String uid, @FormParam("reason") String reason,
                          @Context HttpServletRequest request) {
        PortalPages pages = PortalPages.of(publicPaths.of(request), settings.dataSource());
        try {
            Optional<StudySummary> study = eligible(uid, request).flatMap(StudySummary::fromOrthanc);
            if (study.isEmpty()) {
                return notFound(pages);
            }
            String refused = EmergencyGrants.refuses(reason);
            if (refused != null) {
                return HtmlPages.page(400, pages.emergency(uid, minutes(), refused,
                        reason == null ? "" : reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                        user(request))).build();
            }
            EmergencyGrants.Grant g;
            try {
                g = grants.grant(request.getRemoteUser(), uid, reason);
            } catch (IllegalStateException e) {
                return HtmlPages.page(429, pages.message("Emergency access", "You hold "
                        + EmergencyGrants.MAX_PER_USER + " emergency grants already; wait until one ends.", "")).build();
            }
            AuditNote note = AuditNote.of(request);
            note.studies(List.of(uid));
            note.query(g.reason());
            note.access("emergency grant until " + g.until());
            return viewer(pages, study.get());
        } catch (OrthancException e) {
            return ArchiveUnavailable.page(pages, e);
        }
    }

    /**
     * The study as Orthanc's index has it, when the caller may ask for emergency access to it: rules in force, their
     * role, a study Orthanc has.
     */
    private Optional<JsonNode> eligible(String uid, HttpServletRequest request) {
        if (!settings.studyRules().configured() || request.getRemoteUser() == null
                || !request.isUserInRole(settings.emergency().role()) || uid == null || !UID.matcher(uid).matches()) {
            return Optional.empty();
        }
        var found = orthanc.findStudies(Map.of("StudyInstanceUID", uid), true, 2);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private Response viewer(PortalPages pages, StudySummary study) {
        return Response.seeOther(java.net.URI.create(ViewerUrls.of(pages.ohifBase(), settings.dataSource(),
                ViewerMode.VIEWER, study))).header("Cache-Control", "no-store").build();
    }

    private static Response notFound(PortalPages pages) {
        return HtmlPages.page(404, pages.message("No study found", "No study matches this link. It may not have"
                + " arrived yet, or the link may be mistyped.", "")).build();
    }

    private int minutes() {
        return (int) settings.emergency().grantFor().toMinutes();
    }

    private static Optional<String> user(HttpServletRequest request) {
        return Optional.ofNullable(request.getRemoteUser());
    }
}
