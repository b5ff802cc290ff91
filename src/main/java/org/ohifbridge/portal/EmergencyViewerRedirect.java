package org.ohifbridge.portal;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ohifbridge.access.StudyGate;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.Html;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.ohif.AssetPaths;
import org.ohifbridge.orthanc.OrthancException;

/**
 * With access rules, a viewer link ({@code {ctx}/ohif/viewer?StudyInstanceUIDs=…}, as Orthanc Explorer 2 and portals
 * make them) that names a study the user's rules hide sends a user who holds the emergency role to the emergency access
 * page for it ({@link EmergencyResource}) instead of a viewer that would find nothing. Anyone else gets the viewer,
 * which finds nothing, as for an unknown study. Registered before the viewer's page filter on {@code /ohif/*}.
 */
@Dependent
public class EmergencyViewerRedirect extends HttpFilter {
    private static final Pattern UID = Pattern.compile("[0-9]{1,64}(\\.[0-9]{1,64}){0,63}");
    /** StudyInstanceUIDs of one link looked at; OHIF opens a handful at most. */
    static final int MAX_UIDS = 20;
    private final transient PublicPaths publicPaths;
    private final transient StudyGate gate;
    private final String emergencyRole;

    @Inject
    public EmergencyViewerRedirect(PublicPaths publicPaths, StudyGate gate, Settings settings) {
        this.publicPaths = publicPaths;
        this.gate = gate;
        this.emergencyRole = settings.emergency().role();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> hidden = Optional.empty();
        try {
            hidden = hiddenStudy(request);
        } catch (OrthancException e) {
            // Orthanc cannot say: the viewer opens as it would, and finds out itself
        }
        if (hidden.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", publicPaths.of(request).root() + "emergency-access?study=" + Html.query(hidden.get()));
        response.setHeader("Cache-Control", "no-store");
    }

    private Optional<String> hiddenStudy(HttpServletRequest request) {
        String uids = request.getParameter("StudyInstanceUIDs");
        if (uids == null || !request.getMethod().equals("GET") || request.getRemoteUser() == null
                || !request.isUserInRole(emergencyRole)) {
            return Optional.empty();
        }
        Optional<String> rest = AssetPaths.belowOhif(request.getRequestURI(), request.getContextPath());
        if (rest.isEmpty() || !rest.get().startsWith("/") || !AssetPaths.isClientRoute(rest.get().substring(1))) {
            return Optional.empty();
        }
        String[] list = uids.split(",", MAX_UIDS + 1);
        for (int i = 0; i < Math.min(list.length, MAX_UIDS); i++) {
            String uid = list[i].strip();
            if (UID.matcher(uid).matches() && gate.decideUid(request, uid) == StudyGate.Decision.HIDDEN) {
                return Optional.of(uid);
            }
        }
        return Optional.empty();
    }
}
