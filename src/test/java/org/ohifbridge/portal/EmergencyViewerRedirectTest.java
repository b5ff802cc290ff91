package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ohifbridge.access.StudyGate;
import org.ohifbridge.access.StudyScope;
import org.ohifbridge.config.Settings;
import org.ohifbridge.config.StudyRules;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.TestSettings;

/** A viewer link (DICOMweb data source) to a study the rules hide: emergency access for those who may ask for it. */
class EmergencyViewerRedirectTest {
    static final StudyRules RULES = StudyRules.parse("{\"rules\": [{\"role\": \"site-a\", \"studies\": {\"InstitutionName\": \"A\"}}]}"
            .getBytes(StandardCharsets.UTF_8), "rules.json", new ArrayList<>());

    /** Studies 1.2.3 (institution B) and 1.2.4 (institution A) exist; nothing else. */
    final FakeOrthanc orthanc = new FakeOrthanc() {
        @Override
        public JsonNode findStudies(Map<String, String> query, boolean caseSensitive, int limit) {
            String uid = query.get("StudyInstanceUID");
            var out = JsonNodeFactory.instance.arrayNode();
            if ("1.2.3".equals(uid) || "1.2.4".equals(uid)) {
                ObjectNode s = out.addObject();
                s.putObject("MainDicomTags").put("StudyInstanceUID", uid).put("InstitutionName", uid.equals("1.2.3") ? "B" : "A");
                s.putObject("PatientMainDicomTags");
            }
            return out;
        }
    };

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyAnEmergencyUserIsSentToAskAndOnlyForAStudyThatExists() throws Exception {
        Settings settings = TestSettings.of("DataSource", "dicom-web");
        StudyGate gate = new StudyGate(orthanc);
        try (InProcessServer server = InProcessServer.at("/pacs")
                .user("em", "pw", "ohif-viewer", "ohif-emergency", "site-a")
                .user("plain", "pw", "ohif-viewer", "site-a")
                .requireRole("ohif-viewer")
                .filter(ctx -> (jakarta.servlet.Filter) (rq, rs, chain) -> {
                    // as the sign-on filter: the rules of the user's roles
                    var http = (jakarta.servlet.http.HttpServletRequest) rq;
                    StudyScope.of(RULES, http::isUserInRole, Set.of()).attach(rq);
                    chain.doFilter(rq, rs);
                }, "/*")
                .filter(ctx -> new EmergencyViewerRedirect(new PublicPaths(settings), gate, settings), "/ohif/*")
                .resources(ctx -> java.util.List.of()) // no viewer here: what passes gets 404
                .start()) {
            HttpResponse<byte[]> hidden = server.get("ohif/viewer?StudyInstanceUIDs=1.2.4,1.2.3", "Authorization", basic("em"));
            assertEquals(303, hidden.statusCode());
            assertEquals("/pacs/emergency-access?study=1.2.3", hidden.headers().firstValue("Location").orElseThrow());
            assertEquals(404, server.get("ohif/viewer?StudyInstanceUIDs=1.2.4", "Authorization", basic("em"))
                    .statusCode(), "a study the rules open: on to the viewer (not served in this test)");
            assertEquals(404, server.get("ohif/viewer?StudyInstanceUIDs=9.9.9", "Authorization", basic("em"))
                    .statusCode(), "an unknown study: on to the viewer, which finds nothing");
            assertEquals(404, server.get("ohif/viewer?StudyInstanceUIDs=1.2.3", "Authorization", basic("plain"))
                    .statusCode(), "without the emergency role: the viewer, as for an unknown study");
        }
    }
}
