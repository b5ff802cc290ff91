package org.ohifbridge.config;

import java.util.Arrays;
import java.util.List;

/**
 * Every setting's name, in one place: {@link SettingsLoader} reads them by these names (as context parameter
 * {@code ohifbridge.<Name>}, system property or environment variable, see {@link SettingSource}), and
 * {@code SettingNamesTest} checks that the README's configuration table, {@code wildfly-config/settings.cli} and
 * {@code wildfly-config/ohif-bridge.properties.example} name exactly these.
 */
public enum Setting {
    ORTHANC_URL("OrthancUrl"),
    ORTHANC_USER("OrthancUser"),
    ORTHANC_PASSWORD("OrthancPassword"),
    ORTHANC_PASSWORD_FILE("OrthancPasswordFile"),
    DATA_SOURCE("DataSource"),
    ROUTER_BASENAME("RouterBasename"),
    USER_CONFIGURATION("UserConfiguration"),
    PRELOAD("Preload"),
    DATA_FOLDER("DataFolder"),
    BACKFILL_ON_START("BackfillOnStart"),
    BACKFILL_RATE("BackfillRate"),
    STUDY_THREADS("StudyThreads"),
    PRELOAD_THREADS("PreloadThreads"),
    STUDY_CACHE_MEGABYTES("StudyCacheMegabytes"),
    TRUSTED_PROXIES("TrustedProxies"),
    ORTHANC_CONNECT_TIMEOUT("OrthancConnectTimeout"),
    ORTHANC_READ_TIMEOUT("OrthancReadTimeout"),
    ORTHANC_MAX_CONNECTIONS("OrthancMaxConnections"),
    ORTHANC_DEADLINE("OrthancDeadline"),
    STUDY_BUILDS("StudyBuilds"),
    STUDY_BUILD_QUEUE("StudyBuildQueue"),
    STUDY_BUILD_TIMEOUT("StudyBuildTimeout"),
    STUDY_BUILD_MEGABYTES("StudyBuildMegabytes"),
    MAX_FRAMES_PER_INSTANCE("MaxFramesPerInstance"),
    MAX_DOCUMENT_ENTRIES("MaxDocumentEntries"),
    DATABASE_JNDI("DatabaseJndi"),
    DATABASE_URL("DatabaseUrl"),
    DATABASE_USER("DatabaseUser"),
    DATABASE_PASSWORD_FILE("DatabasePasswordFile"),
    SIGN_ON("SignOn"),
    METRICS_ROLE("MetricsRole"),
    VIEWER_ROLE("ViewerRole"),
    ADMIN_ROLE("AdminRole"),
    OIDC_ISSUER("OidcIssuer"),
    OIDC_CLIENT_ID("OidcClientId"),
    OIDC_CLIENT_SECRET("OidcClientSecret"),
    OIDC_CLIENT_SECRET_FILE("OidcClientSecretFile"),
    OIDC_SCOPES("OidcScopes"),
    OIDC_ROLES_CLAIM("OidcRolesClaim"),
    AUDIT_IDLE_SECONDS("AuditIdleSeconds"),
    STUDY_RULES_FILE("StudyRulesFile"),
    EMERGENCY_ROLE("EmergencyRole"),
    EMERGENCY_MINUTES("EmergencyMinutes");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    /** The name an admin writes, e.g. {@code OrthancUrl}. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Setting::key).toList();
    }
}
