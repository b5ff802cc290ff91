package org.ohifbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    private final Map<String, String> init = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private Settings load() {
        return new SettingsLoader(new SettingSource(init::get, props::get, env::get)).load();
    }

    private ConfigurationException failure() {
        return assertThrows(ConfigurationException.class, this::load);
    }

    @Test
    void defaults() {
        Settings s = load();
        assertEquals("http://127.0.0.1:8042", s.orthancUrl().toString());
        assertEquals(DataSource.DICOM_WEB, s.dataSource());
        assertEquals(Optional.empty(), s.routerBasename());
        assertTrue(s.preload());
        assertFalse(s.hasOrthancCredentials());
        assertTrue(s.userConfiguration().contains("window.config = {"), "embedded default user part");
        assertEquals(Set.of(), s.trustedProxies());
        assertEquals(5000, s.connectTimeout().toMillis());
        assertEquals(60000, s.readTimeout().toMillis());
    }

    @Test
    void initParamBeatsSystemPropertyBeatsEnvironment() {
        env.put("OHIFBRIDGE_ORTHANC_URL", "http://env:1");
        assertEquals("http://env:1", load().orthancUrl().toString());
        props.put("ohifbridge.OrthancUrl", "http://prop:2/");
        assertEquals("http://prop:2", load().orthancUrl().toString(), "trailing slash dropped");
        init.put("ohifbridge.OrthancUrl", "https://init:3");
        assertEquals("https://init:3", load().orthancUrl().toString());
        init.put("ohifbridge.OrthancUrl", "  ");
        assertEquals("http://prop:2", load().orthancUrl().toString(), "blank counts as unset");
    }

    @Test
    void aDatabaseIsAJndiNameOrAUrlWithUserAndPasswordFileAndItsPasswordIsNeverShown(@org.junit.jupiter.api.io.TempDir
                                                                                     java.nio.file.Path dir)
            throws Exception {
        assertFalse(load().database().configured(), "none by default: state in the data folder");
        java.nio.file.Path pw = dir.resolve("db.pw");
        java.nio.file.Files.writeString(pw, "s3cret-db\n");
        init.put("ohifbridge.DatabaseUrl", "jdbc:postgresql://127.0.0.1:5432/bridge");
        init.put("ohifbridge.DatabaseUser", "bridge");
        init.put("ohifbridge.DatabasePasswordFile", pw.toString());
        Settings s = load();
        assertTrue(s.database().configured());
        assertEquals("s3cret-db", s.database().password());
        assertFalse(s.describe().contains("s3cret"), s.describe());
        assertFalse(s.database().toString().contains("s3cret"));

        init.put("ohifbridge.DatabaseJndi", "java:comp/env/jdbc/bridge");
        assertTrue(failure().problems().get(0).startsWith("set either DatabaseJndi or DatabaseUrl"));
        init.remove("ohifbridge.DatabaseJndi");
        init.put("ohifbridge.DatabaseUrl", "jdbc:postgresql://h/db?user=x&password=leaked");
        String problem = failure().problems().get(0);
        assertTrue(problem.contains("must not hold a password") && !problem.contains("leaked"), problem);
        init.put("ohifbridge.DatabaseUrl", "jdbc:mysql://h/db?password=leaked");
        problem = failure().problems().get(0);
        assertTrue(problem.contains("must be a PostgreSQL JDBC URL") && !problem.contains("leaked"), problem);
        init.put("ohifbridge.DatabaseUrl", "jdbc:postgresql://h/db");
        init.remove("ohifbridge.DatabaseUser");
        assertEquals("DatabaseUrl needs DatabaseUser and DatabasePasswordFile", failure().problems().get(0));
    }

    @Test
    void envNames() {
        assertEquals("OHIFBRIDGE_ORTHANC_URL", SettingSource.envName("OrthancUrl"));
        assertEquals("OHIFBRIDGE_DATA_SOURCE", SettingSource.envName("DataSource"));
        assertEquals("OHIFBRIDGE_ORTHANC_PASSWORD_FILE", SettingSource.envName("OrthancPasswordFile"));
    }

    @Test
    void invalidDataSourceNamesTheAllowedValues() {
        init.put("ohifbridge.DataSource", "dicomweb");
        ConfigurationException e = failure();
        assertEquals("DataSource must be one of \"dicom-web\", \"dicom-json\", but found: \"dicomweb\"", e.problems().get(0));
    }

    @Test
    void allProblemsAreReportedTogether() {
        init.put("ohifbridge.OrthancUrl", "ftp://x");
        init.put("ohifbridge.Preload", "yes");
        init.put("ohifbridge.OrthancReadTimeout", "-5");
        init.put("ohifbridge.TrustedProxies", "10.0.0.1, proxy.example.org");
        ConfigurationException e = failure();
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("Preload must be one of \"true\", \"false\", but found: \"yes\""));
        assertTrue(e.getMessage().contains("OrthancReadTimeout must be a whole number from 1 to 3600000"));
        assertTrue(e.getMessage().contains("TrustedProxies must list IP addresses"));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        init.put("ohifbridge.OrthancUrl", "http://alice:secret@127.0.0.1:8042");
        String m = failure().getMessage();
        assertTrue(m.contains("without user"), m);
        assertFalse(m.contains("secret") || m.contains("alice"), "the refused URL is not echoed with its user info: " + m);
        assertTrue(m.contains("http://****@127.0.0.1:8042"), m);
        init.put("ohifbridge.OrthancUrl", "http://alice:s e c r e t@127.0.0.1:8042/x y");
        m = failure().getMessage();
        assertTrue(m.contains("not a valid URL") && !m.contains("s e c"), m);
    }

    @Test
    void documentLimitsAndTheDeadlineHaveDefaultsAndRanges() {
        Settings s = load();
        assertEquals(30_000, s.orthancDeadline().toMillis());
        assertEquals(new DocumentLimits(10_000, 50_000, 2, 16, java.time.Duration.ofSeconds(120),
                64L << 20), s.documentLimits());
        init.put("ohifbridge.StudyBuilds", "0");
        init.put("ohifbridge.MaxFramesPerInstance", "many");
        String m = failure().getMessage();
        assertTrue(m.contains("StudyBuilds must be a whole number from 1 to 64"), m);
        assertTrue(m.contains("MaxFramesPerInstance must be a whole number from 1 to 10000000, but found: \"many\""), m);
    }

    @Test
    void userAndPasswordGoTogether(@TempDir Path dir) throws Exception {
        init.put("ohifbridge.OrthancUser", "alice");
        assertTrue(failure().getMessage().contains("must be set together"));
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\n");
        init.put("ohifbridge.OrthancPasswordFile", file.toString());
        Settings s = load();
        assertEquals("s3cret", s.orthancPassword());
        assertTrue(s.describe().contains("OrthancPassword=****"));
        assertFalse(s.describe().contains("s3cret"), "the secret is never in the log line");
        init.put("ohifbridge.OrthancPassword", "other");
        assertTrue(failure().getMessage().contains("not both"));
        init.remove("ohifbridge.OrthancPassword");
        init.put("ohifbridge.OrthancPasswordFile", dir.resolve("missing").toString());
        assertTrue(failure().getMessage().contains("OrthancPasswordFile cannot be read"));
    }

    @Test
    void routerBasenameGetsATrailingSlashAndMustBeASafePath() {
        init.put("ohifbridge.RouterBasename", "/imaging/demo/ohif");
        assertEquals(Optional.of("/imaging/demo/ohif/"), load().routerBasename());
        for (String bad : new String[] {"ohif/", "/a/../b/", "/x'y/", "/a b/", "/<script>/", "//evil.example/"}) {
            init.put("ohifbridge.RouterBasename", bad);
            assertTrue(failure().getMessage().contains("RouterBasename must be an absolute path"), bad);
        }
    }

    @Test
    void userConfigurationFileIsReadOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ohif.js");
        Files.writeString(file, "window.config = { showStudyList: true, custom: 1 };");
        init.put("ohifbridge.UserConfiguration", file.toString());
        Settings s = load();
        assertEquals("window.config = { showStudyList: true, custom: 1 };", s.userConfiguration());
        Files.delete(file);
        assertEquals("window.config = { showStudyList: true, custom: 1 };", s.userConfiguration());
        assertTrue(failure().getMessage().contains("UserConfiguration cannot be read"));
    }

    @Test
    void trustedProxies() {
        init.put("ohifbridge.TrustedProxies", "127.0.0.1, ::1 ,10.1.2.3");
        assertEquals(Set.of("127.0.0.1", "::1", "10.1.2.3"), load().trustedProxies());
    }

    @Test
    void dicomJsonAndItsSettings(@TempDir Path dir) {
        init.put("ohifbridge.DataSource", "dicom-json");
        init.put("ohifbridge.DataFolder", dir.resolve("data").toString());
        init.put("ohifbridge.BackfillOnStart", "true");
        init.put("ohifbridge.BackfillRate", "50");
        init.put("ohifbridge.StudyThreads", "8");
        init.put("ohifbridge.PreloadThreads", "3");
        init.put("ohifbridge.StudyCacheMegabytes", "16");
        Settings s = load();
        assertEquals(DataSource.DICOM_JSON, s.dataSource());
        assertTrue(s.preloadActive());
        assertTrue(Files.isDirectory(dir.resolve("data")), "created at start");
        assertEquals(dir.resolve("data"), s.dataFolder());
        assertTrue(s.backfillOnStart());
        assertEquals(50, s.backfillRate());
        assertEquals(8, s.studyThreads());
        assertEquals(3, s.preloadThreads());
        assertEquals(16L * 1024 * 1024, s.studyCacheBytes());
        init.put("ohifbridge.Preload", "false");
        assertFalse(load().preloadActive());
    }

    @Test
    void preloadOnlyRunsForDicomJson() {
        assertTrue(load().preload());
        assertFalse(load().preloadActive(), "dicom-web: no change feed at all");
    }

    @Test
    void defaultDataFolderIsPerDeploymentUnderTheContainer(@TempDir Path dir) {
        props.put("catalina.base", dir.toString());
        Settings s = new SettingsLoader(new SettingSource(init::get, props::get, env::get), "/pacs").load();
        assertEquals(dir.resolve("ohif-bridge").resolve("pacs"), s.dataFolder());
        props.put("jboss.server.data.dir", dir.resolve("wf").toString());
        assertEquals(dir.resolve("wf").resolve("ohif-bridge").resolve("ROOT"),
                new SettingsLoader(new SettingSource(init::get, props::get, env::get), "").load().dataFolder());
    }

    @Test
    void badNumbersNameTheirRange(@TempDir Path dir) {
        init.put("ohifbridge.DataSource", "dicom-json");
        init.put("ohifbridge.DataFolder", dir.toString());
        init.put("ohifbridge.StudyThreads", "0");
        init.put("ohifbridge.BackfillRate", "fast");
        String m = failure().getMessage();
        assertTrue(m.contains("StudyThreads must be a whole number from 1 to 64, but found: \"0\""), m);
        assertTrue(m.contains("BackfillRate must be a whole number from 1 to 10000, but found: \"fast\""), m);
    }

    @Test
    void anUnwritableDataFolderDoesNotStopTheDeployment(@TempDir Path dir) throws Exception {
        // the preload then keeps its position in memory and says DEGRADED (PreloadServiceTest)
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        init.put("ohifbridge.DataSource", "dicom-json");
        init.put("ohifbridge.DataFolder", file.resolve("sub").toString());
        assertEquals(file.resolve("sub"), load().dataFolder());
    }

    @Test
    void signOnIsContainerWithDefaultRolesUnlessSaidOtherwise() {
        SignOnSettings s = load().signOn();
        assertEquals(SignOnMode.CONTAINER, s.mode());
        assertEquals("ohif-viewer", s.viewerRole());
        assertEquals("ohif-admin", s.adminRole());
        assertTrue(s.oidc().isEmpty());
        init.put("ohifbridge.SignOn", "anonymous");
        init.put("ohifbridge.ViewerRole", "radiologist");
        assertEquals(SignOnMode.ANONYMOUS, load().signOn().mode());
        assertEquals("radiologist", load().signOn().viewerRole());
    }

    @Test
    void unknownSignOnModeOrBadRoleIsRefused() {
        init.put("ohifbridge.SignOn", "open");
        init.put("ohifbridge.AdminRole", "a b");
        ConfigurationException e = failure();
        assertTrue(e.getMessage().contains("SignOn must be one of \"container\", \"oidc\", \"anonymous\""), e.getMessage());
        assertTrue(e.getMessage().contains("AdminRole must be one role name"), e.getMessage());
    }

    @Test
    void oidcNeedsIssuerClientAndSecret() {
        init.put("ohifbridge.SignOn", "oidc");
        ConfigurationException e = failure();
        assertTrue(e.getMessage().contains("OidcIssuer is required"), e.getMessage());
        assertTrue(e.getMessage().contains("OidcClientId is required"), e.getMessage());
        assertTrue(e.getMessage().contains("OHIFBRIDGE_OIDC_CLIENT_SECRET"), e.getMessage());
    }

    @Test
    void oidcSecretFromFileIsNeverLogged(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "t0p-s3cret\n");
        init.put("ohifbridge.SignOn", "oidc");
        init.put("ohifbridge.OidcIssuer", "https://sso.example/realms/h/");
        init.put("ohifbridge.OidcClientId", "ohif-bridge");
        init.put("ohifbridge.OidcClientSecretFile", secret.toString());
        init.put("ohifbridge.OidcRolesClaim", "realm_access.roles, groups");
        Settings s = load();
        OidcSettings o = s.signOn().oidc().orElseThrow();
        assertEquals("https://sso.example/realms/h", o.issuer());
        assertEquals("t0p-s3cret", o.clientSecret());
        assertEquals("openid profile email", o.scopes());
        assertEquals(java.util.List.of("realm_access.roles", "groups"), o.rolesClaims());
        assertFalse(s.describe().contains("t0p-s3cret"));
        assertTrue(s.describe().contains("OidcClientSecret=****"), s.describe());
        env.put("OHIFBRIDGE_OIDC_CLIENT_SECRET", "from-env");
        assertTrue(failure().getMessage().contains("not both"));
        init.remove("ohifbridge.OidcClientSecretFile");
        assertEquals("from-env", load().signOn().oidc().orElseThrow().clientSecret());
        init.put("ohifbridge.OidcScopes", "profile email");
        assertTrue(failure().getMessage().contains("including openid"));
        init.remove("ohifbridge.OidcScopes");
        init.put("ohifbridge.OidcIssuer", "ftp://sso");
        assertTrue(failure().getMessage().contains("OidcIssuer must be an http:// or https:// URL"));
    }
}
