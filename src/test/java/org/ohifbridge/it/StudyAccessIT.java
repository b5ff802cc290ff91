package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Http;
import org.ohifbridge.testing.TempFolders;

/**
 * Who sees which study, on every route that reveals one: five studies of three institutions (real MR slices re-tagged
 * with dcmodify) in an Orthanc of their own, users of one site, of the other, of both, an admin whose rule opens
 * everything and a viewer no rule opens anything to (SignOn=container, the server's users). Every cell of route ×
 * user × study: a study the user may see answers 200 with its data; one they may not answers byte for byte as a study
 * Orthanc does not have, and names nothing of it (0 leaks). AccessStudies.Study searches return exactly the user's studies, and
 * pages of a search merged from two rules' searches add up to the whole list.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StudyAccessIT {
    static final String RULES = """
            {"rules": [
              {"name": "Site A", "role": "it-site-a", "studies": {"InstitutionName": "IT Site A*"}},
              {"name": "Site B", "role": "it-site-b", "studies": {"InstitutionName": "IT Site B"}},
              {"name": "Everything", "role": "ohif-admin", "studies": "all"}]}""";
    static final String UNKNOWN_UID = "1.2.826.0.1.3680043.2.1143.999999";
    static final String UNKNOWN_ID = "ffffffff-ffffffff-ffffffff-ffffffff-ffffffff";
    /** user → the studies (keys) their rules open */
    static final Map<String, Set<String>> SEES = new LinkedHashMap<>();

    static {
        SEES.put("it-site-a", Set.of("A1", "A2"));
        SEES.put("it-site-b", Set.of("B1", "B2"));
        SEES.put("it-sites", Set.of("A1", "A2", "B1", "B2"));
        SEES.put("it-admin", Set.of("A1", "A2", "B1", "B2", "C1"));
        SEES.put("it-viewer", Set.of());
    }

    private static List<AccessStudies.Study> studies;

    @Deployment(testable = false)
    static WebArchive war() throws Exception {
        TestOrthanc orthanc = AccessStudies.orthanc();
        studies = AccessStudies.all();
        Path rules = TempFolders.create("access-rules-").resolve("rules.json");
        Files.writeString(rules, RULES);
        Map<String, String> settings = new LinkedHashMap<>(Deployments.orthanc(orthanc));
        settings.put("SignOn", "container");
        settings.put("DataSource", "dicom-json");
        settings.put("StudyRulesFile", rules.toString());
        settings.put("DataFolder", Deployments.dataFolder("access"));
        return Deployments.war("access.war", settings);
    }

    private final URL base = Deployments.url("access.war");

    private HttpResponse<byte[]> get(String user, String path, String... headers) throws IOException {
        List<String> h = new ArrayList<>(List.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8))));
        h.addAll(List.of(headers));
        return Http.get(base, path, h.toArray(String[]::new));
    }

    /** A route that reveals a study: how to ask it for a study, and for one Orthanc does not have. */
    record Route(String name, Function<AccessStudies.Study, String> path, String unknownPath, String... headers) {
    }

    static final String FRAMES = "multipart/related; type=application/octet-stream; transfer-syntax=*";

    static List<Route> routes() {
        return List.of(
                new Route("QIDO studies by UID", s -> "dicom-web/studies?StudyInstanceUID=" + s.uid(),
                        "dicom-web/studies?StudyInstanceUID=" + UNKNOWN_UID, "Accept", "application/dicom+json"),
                new Route("QIDO series of the study", s -> "dicom-web/studies/" + s.uid() + "/series",
                        "dicom-web/studies/" + UNKNOWN_UID + "/series", "Accept", "application/dicom+json"),
                new Route("QIDO series by StudyInstanceUID", s -> "dicom-web/series?StudyInstanceUID=" + s.uid(),
                        "dicom-web/series?StudyInstanceUID=" + UNKNOWN_UID, "Accept", "application/dicom+json"),
                new Route("QIDO instances of the study", s -> "dicom-web/studies/" + s.uid() + "/instances",
                        "dicom-web/studies/" + UNKNOWN_UID + "/instances", "Accept", "application/dicom+json"),
                new Route("WADO-RS metadata", s -> "dicom-web/studies/" + s.uid() + "/metadata",
                        "dicom-web/studies/" + UNKNOWN_UID + "/metadata", "Accept", "application/dicom+json"),
                new Route("WADO-RS frames", s -> "dicom-web/studies/" + s.uid() + "/series/" + s.series() + "/instances/"
                        + s.sops().get(0) + "/frames/1", "dicom-web/studies/" + UNKNOWN_UID + "/series/" + UNKNOWN_UID
                        + ".1/instances/" + UNKNOWN_UID + ".1.1/frames/1", "Accept", FRAMES),
                new Route("WADO-RS rendered", s -> "dicom-web/studies/" + s.uid() + "/series/" + s.series()
                        + "/instances/" + s.sops().get(0) + "/rendered", "dicom-web/studies/" + UNKNOWN_UID + "/series/"
                        + UNKNOWN_UID + ".1/instances/" + UNKNOWN_UID + ".1.1/rendered", "Accept", "image/jpeg"),
                new Route("DICOM JSON document", s -> "studies/" + s.orthancId() + "/ohif-dicom-json",
                        "studies/" + UNKNOWN_ID + "/ohif-dicom-json"),
                new Route("instance file", s -> "instances/" + s.instanceIds().get(0) + "/file",
                        "instances/" + UNKNOWN_ID + "/file"),
                new Route("deep link", s -> "open?StudyInstanceUIDs=" + s.uid(), "open?StudyInstanceUIDs=" + UNKNOWN_UID),
                new Route("deep link by accession", s -> "open?AccessionNumber=ACC-" + s.key(),
                        "open?AccessionNumber=ACC-Z9"));
    }

    @Test
    void everyRouteAnswersAHiddenStudyAsAnUnknownOne() throws Exception {
        int cells = 0;
        int leaks = 0;
        List<String> wrong = new ArrayList<>();
        for (String user : SEES.keySet()) {
            Map<String, HttpResponse<byte[]>> unknown = new LinkedHashMap<>();
            for (Route r : routes()) {
                unknown.put(r.name(), get(user, r.unknownPath(), r.headers()));
            }
            for (AccessStudies.Study s : studies) {
                boolean sees = SEES.get(user).contains(s.key());
                for (Route r : routes()) {
                    cells++;
                    HttpResponse<byte[]> got = get(user, r.path().apply(s), r.headers());
                    String body = new String(got.body(), StandardCharsets.ISO_8859_1);
                    String cell = user + " × " + s.key() + " × " + r.name() + ": " + got.statusCode();
                    if (sees) {
                        boolean ok = got.statusCode() == 200 || r.name().startsWith("deep link")
                                && (got.statusCode() == 302 || got.statusCode() == 303);
                        if (!ok || r.name().startsWith("QIDO") && !body.contains(s.uid())) {
                            wrong.add(cell + " (expected the study)");
                        }
                        continue;
                    }
                    HttpResponse<byte[]> none = unknown.get(r.name());
                    String noneBody = new String(none.body(), StandardCharsets.ISO_8859_1)
                            .replace(UNKNOWN_UID, "<uid>").replace(UNKNOWN_ID, "<id>").replace("ACC-Z9", "<acc>");
                    String normalized = body.replace(s.uid(), "<uid>").replace(s.orthancId(), "<id>")
                            .replace(s.instanceIds().get(0), "<id>").replace("ACC-" + s.key(), "<acc>");
                    if (got.statusCode() != none.statusCode() || !normalized.equals(noneBody)) {
                        wrong.add(cell + " (unknown study: " + none.statusCode() + ")");
                    }
                    String data = body.replace("StudyInstanceUIDs=" + s.uid(), "");
                    if (data.contains(s.institution()) || data.contains("PID-" + s.key())
                            || data.contains(s.series()) || r.name().startsWith("QIDO") && data.contains(s.uid())) {
                        leaks++;
                        wrong.add(cell + " LEAK");
                    }
                }
            }
        }
        System.out.println("[StudyAccessIT] " + System.getProperty("it.server") + ": " + cells + " cells (" + SEES.size()
                + " users × " + studies.size() + " studies × " + routes().size() + " routes), " + leaks + " leaks, "
                + wrong.size() + " wrong");
        assertEquals(List.of(), wrong);
        assertEquals(0, leaks);
    }

    /** The study search and the launcher list exactly the user's studies; pages of a merged search add up. */
    @Test
    void searchesFindExactlyTheUsersStudiesAndPageAcrossRules() throws Exception {
        for (String user : SEES.keySet()) {
            List<String> found = uids(get(user, "dicom-web/studies", "Accept", "application/dicom+json"));
            List<String> expected = studies.stream().filter(s -> SEES.get(user).contains(s.key())).map(AccessStudies.Study::uid).toList();
            assertEquals(Set.copyOf(expected), Set.copyOf(found), user + ": the study search");
            assertEquals(expected.size(), found.size(), user + ": each study once");
            String launcher = new String(get(user, "").body(), StandardCharsets.UTF_8);
            for (AccessStudies.Study s : studies) {
                assertEquals(SEES.get(user).contains(s.key()), launcher.contains("ACC-" + s.key()),
                        user + ": the launcher's list and " + s.key());
            }
            String search = new String(get(user, "?q=Access").body(), StandardCharsets.UTF_8);
            for (AccessStudies.Study s : studies) {
                assertEquals(SEES.get(user).contains(s.key()), search.contains("ACC-" + s.key()),
                        user + ": the launcher's search and " + s.key());
            }
        }
        // it-sites: two rules, two searches merged; newest first, and one study a page adds up to the whole list
        List<String> all = uids(get("it-sites", "dicom-web/studies", "Accept", "application/dicom+json"));
        assertEquals(List.of("B1", "A1", "A2", "B2"), all.stream().map(this::key).toList(), "newest first");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 5; offset++) {
            paged.addAll(uids(get("it-sites", "dicom-web/studies?limit=1&offset=" + offset, "Accept",
                    "application/dicom+json")));
        }
        assertEquals(all, paged, "pages of one study");
        List<String> two = uids(get("it-sites", "dicom-web/studies?limit=2&offset=1&PatientID=PID-*", "Accept",
                "application/dicom+json"));
        assertEquals(all.subList(1, 3), two, "a page of two from the second, with a filter of the user's");
        assertTrue(get("it-site-a", "dicom-web/series", "Accept", "application/dicom+json").statusCode() == 400,
                "a series search over the whole archive must name its study");
    }

    /**
     * it-emergency (site A's rule and the emergency role) follows a deep link to a site B study: the emergency page,
     * a reason refused when missing, then the grant, the viewer, the study on every route, on the review page and in
     * the audit trail. A viewer without the role following the same link gets the not-found page.
     */
    @Test
    void emergencyAccessOpensAHiddenStudyWithAReasonAndIsReviewed() throws Exception {
        AccessStudies.Study b1 = studies.stream().filter(s -> s.key().equals("B1")).findFirst().orElseThrow();
        var log = ServerLog.mark();
        HttpResponse<byte[]> link = get("it-emergency", "open?StudyInstanceUIDs=" + b1.uid());
        assertEquals(303, link.statusCode());
        String ask = link.headers().firstValue("Location").orElseThrow();
        assertTrue(ask.endsWith("/access/emergency-access?study=" + b1.uid()), ask);
        String page = new String(get("it-emergency", "emergency-access?study=" + b1.uid()).body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("Why do you need this study now?") && !page.contains("IT Site B")
                && !page.contains("PID-B1"), "the page asks why and shows nothing of the study: " + page);
        assertEquals(404, get("it-emergency", "dicom-web/studies/" + b1.uid() + "/metadata").statusCode(),
                "hidden until granted");
        String search = new String(get("it-emergency", "?q=Access").body(), StandardCharsets.UTF_8);
        assertTrue(search.contains("outside your access rules match") && search.contains("emergency-access?study="
                + b1.uid()) && !search.contains("ACC-B1") && !search.contains("IT Site B"),
                "the launcher's search offers emergency access to what it hides, and shows nothing of it: " + search);
        HttpResponse<byte[]> viewerLink = get("it-emergency", "ohif/viewer?StudyInstanceUIDs=" + b1.uid());
        assertEquals(302, viewerLink.statusCode(), "an Orthanc Explorer 2 link goes to the deep link (DICOM JSON)");
        String deepLink = viewerLink.headers().firstValue("Location").orElseThrow();
        assertTrue(deepLink.contains("open?StudyInstanceUID=" + b1.uid()), deepLink);
        HttpResponse<byte[]> followed = get("it-emergency", deepLink.substring(deepLink.indexOf("open?")));
        assertEquals(303, followed.statusCode(), "and from there to emergency access");
        assertTrue(followed.headers().firstValue("Location").orElseThrow().endsWith("emergency-access?study="
                + b1.uid()));
        assertEquals(400, post("it-emergency", "emergency-access", "study=" + b1.uid() + "&reason=").statusCode(),
                "a reason is required");
        HttpResponse<byte[]> granted = post("it-emergency", "emergency-access", "study=" + b1.uid()
                + "&reason=" + java.net.URLEncoder.encode("Stroke alert, prior CT from site B", StandardCharsets.UTF_8));
        assertEquals(303, granted.statusCode());
        assertTrue(granted.headers().firstValue("Location").orElseThrow().contains("ohif-dicom-json"),
                "to the viewer (dicom-json data source)");
        assertEquals(200, get("it-emergency", "dicom-web/studies/" + b1.uid() + "/metadata", "Accept",
                "application/dicom+json").statusCode());
        assertEquals(200, get("it-emergency", "studies/" + b1.orthancId() + "/ohif-dicom-json").statusCode());
        assertEquals(200, get("it-emergency", "instances/" + b1.instanceIds().get(0) + "/file").statusCode());
        List<String> found = uids(get("it-emergency", "dicom-web/studies", "Accept", "application/dicom+json"));
        assertEquals(Set.of("A1", "A2", "B1"), Set.copyOf(found.stream().map(this::key).toList()),
                "site A's studies and the granted one");
        assertEquals(404, get("it-emergency", "dicom-web/studies/" + studies.stream().filter(s -> s.key().equals("B2"))
                .findFirst().orElseThrow().uid() + "/metadata").statusCode(), "the grant is for that study only");
        String review = new String(get("it-admin", "admin/emergency-access").body(), StandardCharsets.UTF_8);
        assertTrue(review.contains("it-emergency") && review.contains(b1.uid())
                && review.contains("Stroke alert, prior CT from site B") && review.contains("(active)"), review);
        assertEquals(403, get("it-emergency", "admin/emergency-access").statusCode(), "review is for admins");
        // the audit writes on its own thread: the grant's event, and the study's opening naming the grant
        org.ohifbridge.testing.Await.until("the audit events of the grant", java.time.Duration.ofSeconds(20), () -> {
            String audit = ServerLog.since(log);
            return audit.contains("emergency-access") && audit.contains("Stroke alert, prior CT from site B")
                    && audit.contains("emergency grant\"");
        });
        // without the role: the same link is the not-found page, and the page itself too
        HttpResponse<byte[]> other = get("it-site-a", "open?StudyInstanceUIDs=" + b1.uid());
        assertEquals(404, other.statusCode());
        assertEquals(404, get("it-site-a", "emergency-access?study=" + b1.uid()).statusCode());
        assertEquals(404, post("it-site-a", "emergency-access", "study=" + b1.uid()
                + "&reason=I%20would%20like%20to%20see%20it").statusCode());
    }

    private HttpResponse<byte[]> post(String user, String path, String form) throws IOException {
        return Http.post(base, path, form.getBytes(StandardCharsets.UTF_8), "Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/x-www-form-urlencoded");
    }

    private String key(String uid) {
        return studies.stream().filter(s -> s.uid().equals(uid)).findFirst().orElseThrow().key();
    }

    private static List<String> uids(HttpResponse<byte[]> r) throws IOException {
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (JsonNode d : Json.MAPPER.readTree(r.body())) {
            out.add(d.path("0020000D").path("Value").get(0).asText());
        }
        return out;
    }
}
