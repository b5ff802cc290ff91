package org.ohifbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates every setting in one pass; all problems are reported together. The names are
 * {@link Setting}'s; the defaults and allowed ranges are here, where each setting is read.
 */
public final class SettingsLoader {
    static final String DEFAULT_ORTHANC_URL = "http://127.0.0.1:8042";
    static final String DEFAULT_USER_CONFIGURATION = "/org/ohifbridge/ohif/app-config-user.js";

    /** Path characters accepted in RouterBasename: unreserved and percent-escapes, nothing that needs quoting. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern USER_INFO = Pattern.compile("^([^:/?#]*://)[^/?#]*@");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private final SettingSource source;
    private final String contextPath;
    private final List<String> problems = new ArrayList<>();

    public SettingsLoader(SettingSource source) {
        this(source, "");
    }

    /** @param contextPath the WAR's context path ("" for the root), which names its default data folder */
    public SettingsLoader(SettingSource source, String contextPath) {
        this.source = source;
        this.contextPath = contextPath == null ? "" : contextPath;
    }

    public Settings load() {
        URI orthancUrl = orthancUrl();
        String user = source.get(Setting.ORTHANC_USER).orElse("");
        String password = password();
        if (user.isEmpty() != password.isEmpty()) {
            problems.add(Setting.ORTHANC_USER + " and a password (" + Setting.ORTHANC_PASSWORD + " or " + Setting.ORTHANC_PASSWORD_FILE
                    + ") must be set together");
        }
        if (user.contains(":")) {
            problems.add(Setting.ORTHANC_USER + " must not contain ':'");
        }
        DataSource dataSource = dataSource();
        Optional<String> routerBasename = routerBasename();
        Optional<String> userFile = source.get(Setting.USER_CONFIGURATION);
        String userConfiguration = userConfiguration(userFile);
        boolean preload = bool(Setting.PRELOAD, true);
        Set<String> proxies = trustedProxies();
        Duration connect = millis(Setting.ORTHANC_CONNECT_TIMEOUT, 5_000);
        Duration read = millis(Setting.ORTHANC_READ_TIMEOUT, 60_000);
        int maxConnections = (int) positive(Setting.ORTHANC_MAX_CONNECTIONS, 32, 1, 1024);
        Duration deadline = millis(Setting.ORTHANC_DEADLINE, 30_000);
        boolean backfillOnStart = bool(Setting.BACKFILL_ON_START, false);
        int backfillRate = (int) positive(Setting.BACKFILL_RATE, 20, 1, 10_000);
        int studyThreads = (int) positive(Setting.STUDY_THREADS, 8, 1, 64);
        int preloadThreads = (int) positive(Setting.PRELOAD_THREADS, 2, 1, 32);
        long cacheMegabytes = positive(Setting.STUDY_CACHE_MEGABYTES, 64, 0, 65_536);
        Duration auditIdle = Duration.ofSeconds(positive(Setting.AUDIT_IDLE_SECONDS, 300, 1, 86_400));
        DocumentLimits limits = new DocumentLimits(
                (int) positive(Setting.MAX_FRAMES_PER_INSTANCE, 10_000, 1, 10_000_000),
                (int) positive(Setting.MAX_DOCUMENT_ENTRIES, 50_000, 1, 10_000_000),
                (int) positive(Setting.STUDY_BUILDS, 2, 1, 64),
                (int) positive(Setting.STUDY_BUILD_QUEUE, 16, 0, 10_000),
                millis(Setting.STUDY_BUILD_TIMEOUT, 120_000),
                positive(Setting.STUDY_BUILD_MEGABYTES, 64, 1, 65_536) << 20);
        Path dataFolder = dataFolder(dataSource == DataSource.DICOM_JSON);
        DatabaseSettings database = database();
        SignOnSettings signOn = new SignOnLoader(source, problems).load();
        StudyRules rules = studyRules(signOn);
        String emergencyRole = source.get(Setting.EMERGENCY_ROLE).orElse(EmergencyAccess.DEFAULT_ROLE);
        if (!emergencyRole.matches("[A-Za-z0-9._:@-]{1,100}")) {
            problems.add(Setting.EMERGENCY_ROLE + " must be one role name (letters, digits and . _ : @ -), but found: \""
                    + emergencyRole + "\"");
        }
        EmergencyAccess emergency = new EmergencyAccess(emergencyRole, Duration.ofMinutes(
                positive(Setting.EMERGENCY_MINUTES, EmergencyAccess.DEFAULT_MINUTES, 1, 1440)));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new Settings(orthancUrl, user, password, dataSource, routerBasename, userConfiguration,
                userFile, preload, proxies, connect, read, maxConnections, deadline, dataFolder, backfillOnStart,
                backfillRate, studyThreads, preloadThreads, cacheMegabytes * 1024 * 1024, auditIdle, limits, database,
                signOn, rules, emergency);
    }

    /**
     * The configured folder, else one per deployment under the container's data area (WildFly's
     * jboss.server.data.dir, Tomcat's catalina.base: not the work folder, which a redeploy empties), else
     * under the user's home. Created when the DICOM JSON data source will write to it.
     */
    private Path dataFolder(boolean used) {
        String name = contextPath.isEmpty() ? "ROOT" : contextPath.substring(1).replace('/', '#');
        Path folder;
        try {
            folder = source.get(Setting.DATA_FOLDER).map(Path::of).orElseGet(() -> source.systemProperty("jboss.server.data.dir")
                    .or(() -> source.systemProperty("catalina.base"))
                    .map(base -> Path.of(base, "ohif-bridge", name))
                    .orElseGet(() -> Path.of(source.systemProperty("user.home").orElse("."), ".ohif-bridge", name)))
                    .toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(Setting.DATA_FOLDER + " is not a valid path: " + source.get(Setting.DATA_FOLDER).orElse(""));
            return Path.of(".");
        }
        if (used) {
            // a folder that cannot be created or written does not stop the deployment: the preload keeps its position in
            // memory and reports DEGRADED (preload status, health/ready) until it can write again
            try {
                Files.createDirectories(folder);
            } catch (IOException | SecurityException e) {
                // reported by the preload at its first write
            }
        }
        return folder;
    }

    private URI orthancUrl() {
        String text = source.get(Setting.ORTHANC_URL).orElse(DEFAULT_ORTHANC_URL);
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                problems.add(Setting.ORTHANC_URL + " must be an http:// or https:// URL without user, query or fragment"
                        + " (credentials go in " + Setting.ORTHANC_USER + "/" + Setting.ORTHANC_PASSWORD + "), but found: " + withoutUserInfo(text));
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(Setting.ORTHANC_URL + " is not a valid URL: " + withoutUserInfo(text));
            return null;
        }
    }

    /** The URL for an error message, any {@code user:password@} masked: the log must not show a secret. */
    static String withoutUserInfo(String url) {
        return USER_INFO.matcher(url).replaceFirst("$1****@");
    }

    /** A JNDI name, or a PostgreSQL URL with a user and a password file; never both, never half of the second. */
    /** The access rules of {@code StudyRulesFile}, read and checked now; none without the setting. */
    private StudyRules studyRules(SignOnSettings signOn) {
        Optional<String> file = source.get(Setting.STUDY_RULES_FILE);
        if (file.isEmpty()) {
            return StudyRules.NONE;
        }
        if (signOn.mode() == SignOnMode.ANONYMOUS) {
            problems.add(Setting.STUDY_RULES_FILE + " needs users with roles: SignOn must be container or oidc");
            return StudyRules.NONE;
        }
        Path path = Path.of(file.get());
        try {
            if (Files.size(path) > StudyRules.MAX_FILE_BYTES) {
                problems.add(Setting.STUDY_RULES_FILE + " " + file.get() + ": larger than "
                        + StudyRules.MAX_FILE_BYTES / 1024 + " KiB");
                return StudyRules.NONE;
            }
            return StudyRules.parse(Files.readAllBytes(path), file.get(), problems);
        } catch (IOException | InvalidPathException e) {
            problems.add(Setting.STUDY_RULES_FILE + " cannot be read: " + file.get());
            return StudyRules.NONE;
        }
    }

    private DatabaseSettings database() {
        Optional<String> jndi = source.get(Setting.DATABASE_JNDI);
        Optional<String> url = source.get(Setting.DATABASE_URL);
        Optional<String> user = source.get(Setting.DATABASE_USER);
        Optional<String> passwordFile = source.get(Setting.DATABASE_PASSWORD_FILE);
        if (jndi.isPresent()) {
            if (url.isPresent() || user.isPresent() || passwordFile.isPresent()) {
                problems.add("set either " + Setting.DATABASE_JNDI + " or " + Setting.DATABASE_URL + " (with "
                        + Setting.DATABASE_USER + " and " + Setting.DATABASE_PASSWORD_FILE + "), not both");
            }
            return new DatabaseSettings(jndi, Optional.empty(), "", "");
        }
        if (url.isEmpty()) {
            if (user.isPresent() || passwordFile.isPresent()) {
                problems.add(Setting.DATABASE_USER + " and " + Setting.DATABASE_PASSWORD_FILE + " need "
                        + Setting.DATABASE_URL);
            }
            return DatabaseSettings.NONE;
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            problems.add(Setting.DATABASE_URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database),"
                    + " but found: " + withoutUserInfo(url.get().replaceFirst("(?i)password=[^&]*", "password=****")));
        } else if (url.get().toLowerCase(Locale.ROOT).contains("password=")) {
            problems.add(Setting.DATABASE_URL + " must not hold a password: put it in a file named by "
                    + Setting.DATABASE_PASSWORD_FILE);
        }
        if (user.isEmpty() || passwordFile.isEmpty()) {
            problems.add(Setting.DATABASE_URL + " needs " + Setting.DATABASE_USER + " and " + Setting.DATABASE_PASSWORD_FILE);
            return DatabaseSettings.NONE;
        }
        String password;
        try {
            password = Files.readString(Path.of(passwordFile.get()), StandardCharsets.UTF_8).strip();
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            problems.add(Setting.DATABASE_PASSWORD_FILE + " cannot be read: " + passwordFile.get());
            return DatabaseSettings.NONE;
        }
        if (password.isEmpty()) {
            problems.add(Setting.DATABASE_PASSWORD_FILE + " is empty: " + passwordFile.get());
        }
        return new DatabaseSettings(Optional.empty(), url, user.get(), password);
    }

    private String password() {
        return SecretSetting.read(source, Setting.ORTHANC_PASSWORD, Setting.ORTHANC_PASSWORD_FILE, problems);
    }

    private DataSource dataSource() {
        String text = source.get(Setting.DATA_SOURCE).orElse(DataSource.DICOM_WEB.value());
        return DataSource.parse(text).orElseGet(() -> {
            problems.add(Setting.DATA_SOURCE + " must be one of " + DataSource.allowedValues() + ", but found: \"" + text + "\"");
            return DataSource.DICOM_WEB;
        });
    }

    private Optional<String> routerBasename() {
        Optional<String> value = source.get(Setting.ROUTER_BASENAME);
        if (value.isEmpty()) {
            return value;
        }
        String v = value.get();
        if (!SafePath.isSafe(v)) {
            problems.add(Setting.ROUTER_BASENAME + " must be an absolute path such as /imaging/ohif/ made of letters, digits"
                    + " and . _ ~ % -, but found: " + v);
            return Optional.empty();
        }
        return Optional.of(v.endsWith("/") ? v : v + "/");
    }

    private String userConfiguration(Optional<String> file) {
        if (file.isPresent()) {
            try {
                return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException | InvalidPathException e) {
                problems.add(Setting.USER_CONFIGURATION + " cannot be read: " + file.get());
                return "";
            }
        }
        try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULT_USER_CONFIGURATION)) {
            if (in == null) {
                throw new IllegalStateException("embedded default user configuration missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean bool(Setting name, boolean dflt) {
        Optional<String> v = source.get(name);
        if (v.isEmpty()) {
            return dflt;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.add(name + " must be one of \"true\", \"false\", but found: \"" + v.get() + "\"");
                return dflt;
        }
    }

    private Set<String> trustedProxies() {
        Set<String> out = new LinkedHashSet<>();
        for (String part : source.get(Setting.TRUSTED_PROXIES).orElse("").split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (IPV4.matcher(p).matches() || IPV6.matcher(p).matches()) {
                out.add(p);
            } else {
                problems.add(Setting.TRUSTED_PROXIES + " must list IP addresses separated by commas, but found: " + p);
            }
        }
        return Set.copyOf(out);
    }

    private Duration millis(Setting name, long dflt) {
        return Duration.ofMillis(positive(name, dflt, 1, 3_600_000));
    }

    private long positive(Setting name, long dflt, long min, long max) {
        Optional<String> v = source.get(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", but found: \"" + v.get() + "\"");
        return dflt;
    }
}
