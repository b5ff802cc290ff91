package org.ohifbridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;
import static org.ohifbridge.testing.InProcessServer.basic;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.config.Settings;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Echo;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.TestSettings;

/**
 * The sign-on filter in-process, in the modes that need no identity provider: who gets through, who gets 401 or 403,
 * the cross-site check before anything else, and the caller it notes for the audit. (OIDC: SignOnMatrixIT, with
 * Keycloak.)
 */
class SignOnFilterTest {
    /** The note of each request, by the test's own request id (header X-Test-Id). */
    final Map<String, AuditNote> notes = new ConcurrentHashMap<>();
    final AtomicInteger ids = new AtomicInteger();
    String lastId;
    InProcessServer server;

    private InProcessServer start(String mode) {
        return start(mode, false);
    }

    /** @param constraint whether the container signs users on before the filters run, as with the WAR's constraint */
    private InProcessServer start(String mode, boolean constraint) {
        Settings settings = TestSettings.of("SignOn", mode);
        InProcessServer.Builder b = InProcessServer.at("/pacs");
        if (constraint) {
            b.requireRole("ohif-viewer");
        }
        server = b
                .user("viewer", "viewer-pw", "ohif-viewer")
                .user("admin", "admin-pw", "ohif-viewer", "ohif-admin")
                .user("norole", "norole-pw")
                .filter(ctx -> (rq, rs, chain) -> {
                    chain.doFilter(rq, rs);
                    String id = ((jakarta.servlet.http.HttpServletRequest) rq).getHeader("X-Test-Id");
                    if (id != null) {
                        notes.put(id, AuditNote.of(rq));
                    }
                }, "/*")
                .filter(ctx -> new SignOnFilter(settings, ctx, new org.ohifbridge.access.EmergencyGrants(settings)), "/*")
                .resources(ctx -> List.of(new Echo()))
                .start();
        return server;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * The note of the last request: its filter adds it after the answer went out, so the client may see the answer
     * first.
     */
    private AuditNote lastNote() {
        String id = lastId;
        return Await.value("the note of request " + id, Duration.ofSeconds(5), () -> notes.get(id), n -> n != null);
    }

    /** A request that the note filter can tell apart. */
    private HttpResponse<byte[]> send(String method, String path, String... headers) throws java.io.IOException {
        lastId = Integer.toString(ids.incrementAndGet());
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "X-Test-Id";
        all[headers.length + 1] = lastId;
        return server.send(method, path, all);
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws java.io.IOException {
        return send("GET", path, headers);
    }

    private String origin() {
        return "http://127.0.0.1:" + server.uri("").getPort();
    }

    @Test
    void containerModeAsksForCredentialsAndNeedsTheViewerRole() throws Exception {
        start("container");
        HttpResponse<byte[]> nobody = get("dicom-web/studies");
        assertEquals(401, nobody.statusCode());
        assertTrue(header(nobody, "WWW-Authenticate").startsWith("Basic"), header(nobody, "WWW-Authenticate"));

        HttpResponse<byte[]> viewer = get("dicom-web/studies", "Authorization", basic("viewer", "viewer-pw"));
        assertEquals(200, viewer.statusCode());
        assertEquals("GET /dicom-web/studies", text(viewer));
        AuditNote note = lastNote();
        assertEquals("viewer", note.user().orElseThrow());
        assertEquals(List.of("ohif-viewer"), note.roles());
        assertTrue(note.wasReached());

        HttpResponse<byte[]> norole = get("dicom-web/studies", "Authorization", basic("norole", "norole-pw"));
        assertEquals(403, norole.statusCode());
        assertEquals("{\"status\":403,\"error\":\"access denied\"}", text(norole));
        assertTrue(!lastNote().wasReached(), "refused: the application was not reached");

        HttpResponse<byte[]> page = get("ohif/", "Authorization", basic("norole", "norole-pw"), "Accept", "text/html");
        assertEquals(403, page.statusCode());
        assertTrue(text(page).contains("You are signed on as norole, but this needs the role ohif-viewer."), text(page));
        assertEquals("no-store", header(page, "Cache-Control"));

        assertEquals(200, get("health").statusCode(), "health is public");
    }

    @Test
    void adminRoutesNeedTheAdminRoleToo() throws Exception {
        start("container");
        assertEquals(403, send("POST", "admin/backfill", "Authorization", basic("viewer", "viewer-pw"))
                .statusCode());
        HttpResponse<byte[]> admin = send("POST", "admin/backfill", "Authorization", basic("admin", "admin-pw"),
                "Origin", origin());
        assertEquals(200, admin.statusCode());
        assertEquals(List.of("ohif-viewer", "ohif-admin"), lastNote().roles());
    }

    @Test
    void aStateChangeFromAnotherSiteIsRefusedBeforeSignOn() throws Exception {
        start("container");
        HttpResponse<byte[]> r = send("POST", "admin/backfill", "Origin", "https://evil.example");
        assertEquals(403, r.statusCode(), "refused before anyone is asked to sign on");
        assertEquals("{\"status\":403,\"error\":\"cross-site request refused\"}", text(r));
        assertEquals(403, get("logout", "Sec-Fetch-Site", "cross-site").statusCode(), "a logout link elsewhere");
        HttpResponse<byte[]> logout = get("logout", "Referer", origin() + "/pacs/");
        assertEquals(200, logout.statusCode());
        assertTrue(text(logout).contains("<h1>Signed out</h1>"));
    }

    @Test
    void whomTheContainerSignedOnIsNotedEvenWhenTheRequestIsRefused() throws Exception {
        start("container", true);
        HttpResponse<byte[]> r = send("POST", "admin/backfill", "Authorization", basic("admin", "admin-pw"),
                "Origin", "https://evil.example");
        assertEquals(403, r.statusCode(), text(r));
        AuditNote note = lastNote();
        assertEquals("admin", note.user().orElse(null), "for the audit's denied event");
        assertEquals(List.of("ohif-viewer", "ohif-admin"), note.roles());
        assertEquals(200, get("ohif/", "Authorization", basic("viewer", "viewer-pw")).statusCode());
    }

    @Test
    void anonymousModeOpensViewingButAdminStillAsks() throws Exception {
        start("anonymous");
        HttpResponse<byte[]> r = get("dicom-web/studies");
        assertEquals(200, r.statusCode());
        assertTrue(lastNote().user().isEmpty());
        assertEquals(401, send("POST", "admin/backfill").statusCode());
        assertEquals(403, send("POST", "admin/backfill", "Authorization", basic("viewer", "viewer-pw"))
                .statusCode());
        assertEquals(200, send("POST", "admin/backfill", "Authorization", basic("admin", "admin-pw"))
                .statusCode());
        assertEquals(403, send("POST", "dicom-web/studies", "Origin", "https://evil.example").statusCode(),
                "no user needed, still no cross-site state change");
    }
}
