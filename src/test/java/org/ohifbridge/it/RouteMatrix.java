package org.ohifbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Samples;

/**
 * Every route family of the WAR × the four identities of the sign-on tests, with the status each cell must get.
 * "Sign-on required" is 401, or a 302 to the provider's sign-on page (elytron OIDC treats {@code Accept: *}{@code /*}
 * as a browser). A "leak" is a cell that must be refused but was answered 2xx, or redirected anywhere else.
 */
final class RouteMatrix {
    enum Identity { ANONYMOUS, NO_ROLE, VIEWER, ADMIN }

    record Route(String family, String method, String path, String accept) {
    }

    /** Sends one request as one identity; headers are name/value pairs. */
    interface Caller {
        java.net.http.HttpResponse<?> send(String method, String url, String... headers) throws IOException;
    }

    record Result(int cells, int leaks, List<String> wrong) {
    }

    private static final String FRAME_ACCEPT = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";

    final List<Route> routes = new ArrayList<>();

    /** The routes for the MR brain study in {@code orthanc}. */
    RouteMatrix(TestOrthanc orthanc) throws IOException {
        JsonNode found = Json.MAPPER.readTree(orthanc.send("POST", "/tools/lookup", Samples.BRAIN_UID.getBytes(StandardCharsets.UTF_8)).body());
        String studyId = found.get(0).path("ID").asText();
        JsonNode instance = Json.MAPPER.readTree(orthanc.get("/studies/" + studyId + "/instances").body()).get(0);
        String instanceId = instance.path("ID").asText();
        String sop = instance.path("MainDicomTags").path("SOPInstanceUID").asText();
        String series = Json.MAPPER.readTree(orthanc.get("/series/" + instance.path("ParentSeries").asText()).body())
                .path("MainDicomTags").path("SeriesInstanceUID").asText();
        String seriesPath = "dicom-web/studies/" + Samples.BRAIN_UID + "/series/" + series;
        routes.add(new Route("OHIF page", "GET", "ohif/", "*/*"));
        routes.add(new Route("OHIF asset", "GET", "ohif/ohif-logo.svg", "*/*"));
        routes.add(new Route("app-config.js", "GET", "ohif/app-config.js", "*/*"));
        routes.add(new Route("QIDO-RS", "GET", "dicom-web/studies", "application/dicom+json"));
        routes.add(new Route("WADO-RS metadata", "GET", seriesPath + "/metadata", "application/dicom+json"));
        routes.add(new Route("WADO-RS frame", "GET", seriesPath + "/instances/" + sop + "/frames/1", FRAME_ACCEPT));
        routes.add(new Route("instance file", "GET", "instances/" + instanceId + "/file", "*/*"));
        routes.add(new Route("study JSON", "GET", "studies/" + studyId + "/ohif-dicom-json", "application/json"));
        routes.add(new Route("preload status", "GET", "preload/status", "application/json"));
        routes.add(new Route("admin POST", "POST", "admin/backfill", "application/json"));
        routes.add(new Route("health", "GET", "health", "application/json"));
        routes.add(new Route("metrics", "GET", "metrics", "text/plain"));
        routes.add(new Route("launcher", "GET", "", "*/*"));
        routes.add(new Route("deep link", "GET", "open?StudyInstanceUID=" + Samples.BRAIN_UID, "*/*"));
    }

    static int expected(Identity who, Route route) {
        if (route.family().equals("health")) {
            return 200;
        }
        return switch (who) {
            case ANONYMOUS -> 401;
            case NO_ROLE -> 403;
            case VIEWER -> route.family().equals("admin POST") || route.family().equals("metrics") ? 403
                    : route.family().equals("deep link") ? 302 : 200;
            case ADMIN -> route.family().equals("admin POST") ? 202 : route.family().equals("deep link") ? 302 : 200;
        };
    }

    /** Runs one identity's row; {@code base} ends with '/'. */
    void row(String base, Identity who, Caller caller, List<String> wrong, int[] cellsAndLeaks) throws IOException {
        for (Route r : routes) {
            int want = expected(who, r);
            java.net.http.HttpResponse<?> response = caller.send(r.method(), base + r.path(), "Accept", r.accept());
            int got = response.statusCode();
            cellsAndLeaks[0]++;
            if (want == 401 && got == 302 && response.headers().firstValue("Location").orElse("")
                    .startsWith(Keycloak.issuer() + "/protocol/openid-connect/auth?")) {
                continue; // sent to the sign-on page
            }
            if (got != want) {
                wrong.add(who + " × " + r.family() + " (" + r.method() + " " + r.path() + "): " + got + ", expected " + want);
                if (want >= 400 && got < 400) {
                    cellsAndLeaks[1]++;
                }
            }
        }
    }
}
