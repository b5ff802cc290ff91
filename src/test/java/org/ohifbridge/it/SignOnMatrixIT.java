package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.it.RouteMatrix.Identity;
import org.ohifbridge.testing.Http;

/**
 * Sign-on on the real server with the real Keycloak: every route family × anonymous, a user without the viewer
 * role, a viewer and an admin, in each mode the WAR offers on this server: BASIC against the server's realm
 * (SignOn=container), OIDC inside the WAR (SignOn=oidc, pac4j) with a browser session and with bearer tokens, and on
 * WildFly the container's own OIDC (elytron-oidc-client, set up by wildfly-config/oidc.cli). Plus: the sign-on
 * redirect for browsers, cookies, cross-site POST, logout, garbage and expired tokens, and the anonymous mode's warning.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignOnMatrixIT {
    private static final String DATA = Deployments.dataFolder("signon");
    private static final Map<String, int[]> SUMMARY = new LinkedHashMap<>();
    private static RouteMatrix matrix;
    private static String earlyToken;
    private static long earlyTokenAt;

    private static synchronized TestOrthanc orthanc() {
        TestOrthanc o = TestOrthanc.named("signon", false);
        if (matrix == null) {
            o.uploadSamples();
            try {
                matrix = new RouteMatrix(o);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return o;
    }

    private static Map<String, String> settings(Map<String, String> signOn) {
        Map<String, String> s = new LinkedHashMap<>(signOn);
        s.put("OrthancUrl", orthanc().url());
        s.put("DataSource", "dicom-json");
        s.put("Preload", "false");
        s.put("DataFolder", DATA);
        s.put("BackfillRate", "5");
        return s;
    }

    @Deployment(name = "basic", testable = false)
    static WebArchive basic() {
        return Deployments.war("signon-basic.war", settings(Map.of("SignOn", "container")));
    }

    @Deployment(name = "oidc", testable = false)
    static WebArchive oidc() throws IOException {
        return Deployments.war("signon-oidc.war", settings(Keycloak.oidcSettings()));
    }

    @Deployment(name = "open", testable = false)
    static WebArchive open() {
        return Deployments.war("signon-open.war", settings(Map.of("SignOn", "anonymous")));
    }

    /** OIDC against a provider that is not there (a closed loopback port): the WAR deploys all the same. */
    @Deployment(name = "oidc-down", testable = false)
    static WebArchive oidcDown() throws IOException {
        Map<String, String> s = new LinkedHashMap<>(Keycloak.oidcSettings());
        s.put("OidcIssuer", "http://127.0.0.1:9/realms/gone");
        return Deployments.war("signon-oidc-down.war", settings(s));
    }

    /** WildFly: BASIC in the WAR, switched to OIDC by the admin's oidc.cli before it is deployed. */
    @Deployment(name = "elytron", testable = false, managed = false)
    static WebArchive elytron() {
        return Deployments.war("signon-elytron.war", settings(Map.of("SignOn", "container")));
    }

    @ArquillianResource
    Deployer deployer;

    private static String base(String war) {
        return Deployments.url(war).toString();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static RouteMatrix.Caller plain(String... extra) {
        return (method, url, headers) -> {
            List<String> all = new ArrayList<>(List.of(headers));
            all.addAll(List.of(extra));
            return Http.send(method, new java.net.URL(url), "", all.toArray(String[]::new));
        };
    }

    private static RouteMatrix.Caller session(BrowserSession s) {
        return (method, url, headers) -> s.send(method, url, null, headers);
    }

    /** One mode's matrix; every cell is asserted, the summary line goes to the report. */
    private static void run(String name, String base, Map<Identity, RouteMatrix.Caller> callers) throws IOException {
        orthanc();
        List<String> wrong = new ArrayList<>();
        int[] counts = new int[2];
        for (Map.Entry<Identity, RouteMatrix.Caller> e : callers.entrySet()) {
            matrix.row(base, e.getKey(), e.getValue(), wrong, counts);
        }
        SUMMARY.put(name, counts);
        System.out.println("sign-on matrix " + System.getProperty("it.server") + " " + name + ": " + counts[0]
                + " cells, " + counts[1] + " leaks, " + wrong.size() + " wrong");
        assertEquals(List.of(), wrong, name);
    }

    @Test
    @Order(1)
    void basicSignOnAgainstTheServersRealm() throws Exception {
        earlyToken = Keycloak.accessToken("viewer", "viewer-pw");
        earlyTokenAt = System.nanoTime();
        String base = base("signon-basic.war");
        Map<Identity, RouteMatrix.Caller> callers = new EnumMap<>(Identity.class);
        callers.put(Identity.ANONYMOUS, plain());
        callers.put(Identity.NO_ROLE, plain("Authorization", basic("it-norole", "it-norole-secret")));
        callers.put(Identity.VIEWER, plain("Authorization", basic("it-viewer", "it-viewer-secret")));
        callers.put(Identity.ADMIN, plain("Authorization", basic("it-admin", "it-admin-secret")));
        run("container BASIC", base, callers);

        HttpResponse<byte[]> page = Http.get(Deployments.url("signon-basic.war"), "ohif/", "Accept", BrowserSession.HTML);
        assertEquals(401, page.statusCode(), "a browser gets the BASIC challenge (its sign-on dialog)");
        assertTrue(Http.header(page, "WWW-Authenticate").startsWith("Basic"), Http.header(page, "WWW-Authenticate"));
        assertEquals(401, Http.get(Deployments.url("signon-basic.war"), "dicom-web/studies",
                "Authorization", basic("it-viewer", "wrong")).statusCode(), "wrong password");
        assertEquals(403, Http.send("POST", Deployments.url("signon-basic.war"), "admin/backfill",
                "Authorization", basic("it-admin", "it-admin-secret"), "Origin", "https://evil.example").statusCode(),
                "cross-site POST");
    }

    @Test
    @Order(2)
    void oidcInTheWarWithBrowserSessions() throws Exception {
        Keycloak.awaitReady();
        String base = base("signon-oidc.war");
        HttpResponse<String> redirect = new BrowserSession().send("GET", base + "ohif/viewer?StudyInstanceUIDs=1.2", null,
                "Accept", BrowserSession.HTML);
        assertEquals(302, redirect.statusCode(), "a browser without a session goes to the sign-on page");
        String location = redirect.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(Keycloak.issuer() + "/protocol/openid-connect/auth?"), location);
        assertTrue(location.contains("code_challenge="), "PKCE: " + location);

        BrowserSession[] signedOn = sessionMatrix("oidc (pac4j) session", base);
        BrowserSession viewer = signedOn[0];
        BrowserSession admin = signedOn[1];

        String cookie = viewer.setCookies.stream().filter(c -> c.startsWith("JSESSIONID=")).reduce((a, b) -> b).orElse("");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        String appConfig = viewer.send("GET", base + "ohif/app-config.js", null).body();
        assertFalse(appConfig.contains("eyJ") || appConfig.contains(Keycloak.SECRET), "no token or secret in app-config.js");

        assertEquals(403, admin.send("POST", base + "admin/backfill", null, "Origin", "https://evil.example").statusCode());
        assertEquals(202, admin.send("POST", base + "admin/backfill", null, "Origin",
                base.substring(0, base.indexOf('/', 8))).statusCode(), "a same-origin POST");

        // a sign-on page never keeps a POST to replay it from this origin afterwards
        BrowserSession stranger = new BrowserSession();
        assertEquals(403, stranger.send("POST", base + "admin/backfill", null, "Accept", BrowserSession.HTML,
                "Origin", "https://evil.example").statusCode(), "cross-site, before any sign-on");
        assertEquals(401, stranger.send("POST", base + "admin/backfill", null, "Accept", BrowserSession.HTML).statusCode(),
                "a POST without a user is not redirected to the sign-on page");
        assertEquals(400, stranger.send("GET", base + "callback?client_name=oidc&code=x&state=y", null, "Accept",
                BrowserSession.HTML).statusCode(), "a stale callback is a 400 page, not a provider outage");
        assertEquals(403, viewer.send("GET", base + "logout", null, "Accept", BrowserSession.HTML,
                "Sec-Fetch-Site", "cross-site").statusCode(), "another site's link does not sign the user out");

        HttpResponse<String> out = viewer.send("GET", base + "logout", null, "Accept", BrowserSession.HTML);
        assertEquals(302, out.statusCode());
        String endSession = out.headers().firstValue("Location").orElse("");
        assertTrue(endSession.startsWith(Keycloak.issuer() + "/protocol/openid-connect/logout?client_id=ohif-bridge&"),
                "the provider's session ends too: " + endSession);
        assertFalse(endSession.contains("id_token_hint"), "no token in the URL: " + endSession);
        assertEquals(401, viewer.send("GET", base + "dicom-web/studies", null, "Accept", "application/dicom+json").statusCode(),
                "the session is gone after logout");
    }

    @Test
    @Order(3)
    void oidcInTheWarWithBearerTokens() throws Exception {
        bearerMatrix("oidc (pac4j) bearer", base("signon-oidc.war"));
    }

    @Test
    @Order(4)
    void wildflyElytronOidc() throws Exception {
        assumeTrue(ServerLog.wildfly(), "elytron-oidc-client is WildFly's");
        Keycloak.awaitReady();
        Path props = Files.createTempFile("ohif-bridge-oidc-", ".properties");
        Files.writeString(props, "oidc.provider.url=" + Keycloak.issuer() + "\noidc.client.id=" + Keycloak.CLIENT
                + "\noidc.client.secret=" + Keycloak.SECRET + "\noidc.ssl.required=NONE\noidc.deployment=signon-elytron.war\n");
        cli(props);
        cli(props); // idempotent
        deployer.deploy("elytron");
        try {
            String base = base("signon-elytron.war");
            HttpResponse<String> redirect = new BrowserSession().send("GET", base + "ohif/", null, "Accept", BrowserSession.HTML);
            assertEquals(302, redirect.statusCode(), redirect.headers().map() + "\n" + redirect.body());
            assertTrue(redirect.headers().firstValue("Location").orElse("").startsWith(Keycloak.issuer()), redirect.headers().map().toString());
            BrowserSession[] signedOn = sessionMatrix("container elytron OIDC session", base);
            BrowserSession viewer = signedOn[0];
            BrowserSession admin = signedOn[1];
            assertEquals(403, admin.send("POST", base + "admin/backfill", null, "Origin", "https://evil.example").statusCode());
            bearerMatrix("container elytron OIDC bearer", base);
            assertEquals(200, viewer.send("GET", base + "logout", null, "Accept", BrowserSession.HTML).statusCode());
            assertEquals(401, viewer.send("GET", base + "dicom-web/studies", null, "Accept", "application/dicom+json").statusCode(),
                    "the session is gone after logout");
        } finally {
            deployer.undeploy("elytron");
        }
    }

    @Test
    @Order(5)
    void anonymousModeOnlyByChoiceAndWarned() throws Exception {
        java.net.URL open = Deployments.url("signon-open.war");
        assertEquals(200, Http.get(open, "dicom-web/studies", "Accept", "application/dicom+json").statusCode());
        assertEquals(401, Http.send("POST", open, "admin/backfill").statusCode(), "admin still needs a user");
        assertEquals(403, Http.send("POST", open, "admin/backfill", "Authorization", basic("it-viewer", "it-viewer-secret")).statusCode());
        assertEquals(202, Http.send("POST", open, "admin/backfill", "Authorization", basic("it-admin", "it-admin-secret")).statusCode());
        assertEquals(401, Http.get(open, "metrics").statusCode(), "metrics need a user too");
        assertEquals(403, Http.get(open, "metrics", "Authorization", basic("it-viewer", "it-viewer-secret")).statusCode());
        assertEquals(200, Http.get(open, "metrics", "Authorization", basic("it-admin", "it-admin-secret")).statusCode());
        String log = ServerLog.text();
        assertTrue(log.contains("ohif-bridge at /signon-open runs WITHOUT SIGN-ON"), "the start-up warning");
        assertFalse(log.contains(Keycloak.SECRET), "the client secret is never logged");
    }

    /**
     * The scrape parses as Prometheus' text format, its counters follow the traffic, and nothing in it names a study
     * or a patient.
     */
    @Test
    @Order(5)
    void metricsFollowTheTrafficAndNameNoPatient() throws Exception {
        java.net.URL open = Deployments.url("signon-open.war");
        String auth = basic("it-admin", "it-admin-secret");
        Map<String, Double> before = PrometheusText.parse(Http.text(Http.get(open, "metrics", "Authorization", auth)));
        String studyJson = "studies/" + org.ohifbridge.testing.Samples.BRAIN_STUDY + "/ohif-dicom-json";
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.get(open, studyJson).statusCode());
        }
        assertEquals(200, Http.get(open, "dicom-web/studies?PatientName=Clone*", "Accept", "application/dicom+json")
                .statusCode());
        HttpResponse<byte[]> scrape = Http.get(open, "metrics", "Authorization", auth);
        assertTrue(Http.header(scrape, "Content-Type").replace(" ", "").startsWith("text/plain;version=0.0.4"),
                Http.header(scrape, "Content-Type"));
        String text = Http.text(scrape);
        Map<String, Double> after = PrometheusText.parse(text);
        String requests = "ohifbridge_requests_seconds_count{family=\"study-json\",status=\"200\"}";
        assertEquals(3.0, after.get(requests) - before.getOrDefault(requests, 0.0), 1e-9, requests);
        double opens = PrometheusText.sum(after, "ohifbridge_study_opens_total") - PrometheusText.sum(before,
                "ohifbridge_study_opens_total");
        assertEquals(3.0, opens, 1e-9, "three openings counted by source");
        assertTrue(PrometheusText.sum(after, "ohifbridge_orthanc_calls_seconds_count")
                > PrometheusText.sum(before, "ohifbridge_orthanc_calls_seconds_count"), "Orthanc calls counted");
        assertTrue(after.containsKey("ohifbridge_orthanc_connections_max{lane=\"viewer\"}"), "pool sizes");
        assertFalse(text.contains(org.ohifbridge.testing.Samples.BRAIN_UID) || text.contains("Clone")
                || text.contains("PatientName") || text.contains(org.ohifbridge.testing.Samples.BRAIN_STUDY),
                "no study, patient or query in the metrics");
    }

    @Test
    @Order(6)
    void garbageAndExpiredTokensGet401() throws Exception {
        for (String war : new String[] {"signon-oidc.war"}) {
            java.net.URL base = Deployments.url(war);
            assertEquals(401, Http.get(base, "dicom-web/studies", "Authorization", "Bearer not-a-token").statusCode());
            String token = Keycloak.accessToken("viewer", "viewer-pw");
            String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
            assertEquals(401, Http.get(base, "dicom-web/studies", "Authorization", "Bearer " + tampered).statusCode());
            // 2 s past its lifetime and BearerTokens' tolerance, the early token is refused
            Keycloak.outliveAccessToken(earlyTokenAt, Keycloak.CLOCK_SKEW_SECONDS + 2);
            assertEquals(401, Http.get(base, "dicom-web/studies", "Authorization", "Bearer " + earlyToken).statusCode(),
                    "an expired token");
            assertEquals(200, Http.get(base, "dicom-web/studies", "Authorization", "Bearer " + token).statusCode(),
                    "while a fresh one works");
        }
    }

    @Test
    @Order(7)
    void providerDownGivesAClearAnswerNotAStackTrace() throws Exception {
        java.net.URL down = Deployments.url("signon-oidc-down.war");
        assertEquals(200, Http.get(down, "health").statusCode(), "deployed and healthy without its provider");
        HttpResponse<byte[]> page = Http.get(down, "ohif/", "Accept", BrowserSession.HTML);
        assertEquals(503, page.statusCode(), Http.text(page));
        assertTrue(Http.text(page).contains("sign-on service cannot be reached"), Http.text(page));
        assertFalse(Http.text(page).contains("Exception"), Http.text(page));
        HttpResponse<byte[]> api = Http.get(down, "dicom-web/studies", "Accept", "application/dicom+json");
        assertTrue(api.statusCode() == 401 || api.statusCode() == 503, api.statusCode() + " " + Http.text(api));
        assertFalse(Http.text(api).contains("Exception"), Http.text(api));
        HttpResponse<byte[]> bearer = Http.get(down, "dicom-web/studies", "Authorization", "Bearer "
                + Keycloak.accessToken("viewer", "viewer-pw"));
        assertEquals(401, bearer.statusCode(), "a token cannot be checked without the provider's keys");
    }

    @AfterAll
    static void report() {
        int cells = SUMMARY.values().stream().mapToInt(c -> c[0]).sum();
        int leaks = SUMMARY.values().stream().mapToInt(c -> c[1]).sum();
        System.out.println("sign-on matrix " + System.getProperty("it.server") + " total: " + cells + " cells in "
                + SUMMARY.size() + " modes, " + leaks + " leaks");
    }

    private static void bearerMatrix(String name, String base) throws Exception {
        Map<Identity, RouteMatrix.Caller> callers = new EnumMap<>(Identity.class);
        callers.put(Identity.ANONYMOUS, plain());
        callers.put(Identity.NO_ROLE, plain("Authorization", "Bearer " + Keycloak.accessToken("norole", "norole-pw")));
        callers.put(Identity.VIEWER, plain("Authorization", "Bearer " + Keycloak.accessToken("viewer", "viewer-pw")));
        callers.put(Identity.ADMIN, plain("Authorization", "Bearer " + Keycloak.accessToken("admin", "admin-pw")));
        run(name, base, callers);
    }

    /**
     * The matrix with browser sessions signed on at Keycloak's form; then the viewer's session must outlive its first
     * access token. @return the viewer's and the admin's sessions
     */
    private static BrowserSession[] sessionMatrix(String name, String base) throws Exception {
        Map<Identity, RouteMatrix.Caller> callers = new EnumMap<>(Identity.class);
        callers.put(Identity.ANONYMOUS, session(new BrowserSession()));
        callers.put(Identity.NO_ROLE, session(signedOn(base, "norole", "norole-pw", 403)));
        BrowserSession viewer = signedOn(base, "viewer", "viewer-pw", 200);
        long viewerSince = System.nanoTime();
        callers.put(Identity.VIEWER, session(viewer));
        BrowserSession admin = signedOn(base, "admin", "admin-pw", 200);
        callers.put(Identity.ADMIN, session(admin));
        run(name, base, callers);
        assertSessionOutlivesToken(viewer, base, viewerSince);
        return new BrowserSession[] {viewer, admin};
    }

    /** The session keeps working once its access token has expired: the server refreshed it. */
    private static void assertSessionOutlivesToken(BrowserSession s, String base, long since) throws Exception {
        Keycloak.outliveAccessToken(since);
        assertEquals(200, s.send("GET", base + "dicom-web/studies", null, "Accept", "application/dicom+json").statusCode(),
                "the session outlives its first access token");
    }

    private static BrowserSession signedOn(String base, String user, String password, int landing) throws IOException {
        BrowserSession s = new BrowserSession();
        HttpResponse<String> r = s.signOn(base + "ohif/", user, password);
        assertEquals(landing, r.statusCode(), user + " lands on " + r.uri());
        assertTrue(r.uri().toString().startsWith(base), user + " is back at the WAR: " + r.uri());
        return s;
    }

    private static void cli(Path properties) throws IOException, InterruptedException {
        List<String> args = List.of(Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh").toString(),
                "--connect", "--controller=127.0.0.1:" + System.getProperty("it.management.port"),
                "--timeout=60000", "--resolve-parameter-values", "--properties=" + properties,
                "--file=" + Path.of(System.getProperty("wildfly.config.dir"), "oidc.cli"));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "jboss-cli finished");
        assertEquals(0, p.exitValue(), "oidc.cli failed:\n" + out);
        assertFalse(out.contains("WFLYCTL"), "oidc.cli reported an error:\n" + out);
        assertFalse(out.contains(Keycloak.SECRET), "the CLI does not echo the secret");
    }
}
