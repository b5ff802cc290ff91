package org.ohifbridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The effective settings, read once at start (see {@link SettingsLoader} for names and defaults).
 *
 * @param orthancUrl        Orthanc's REST root, without trailing slash
 * @param orthancUser       user for HTTP Basic towards Orthanc, empty when Orthanc is open on loopback
 * @param orthancPassword   its password (a secret: never logged, never sent to the browser)
 * @param routerBasename    explicit public path of the viewer (ends with '/'); empty = derived per request
 * @param userConfiguration the user part of app-config.js (the embedded default or the configured file)
 * @param userConfigurationFile where it came from, for the log
 * @param trustedProxies    remote addresses whose X-Forwarded-Prefix header is honoured
 * @param dataFolder        where the preload cursor and the backfill progress are kept
 * @param backfillOnStart   start (or resume) the backfill of existing instances at start
 * @param backfillRate      instances per second the backfill may process at most
 * @param studyThreads      parallel Orthanc calls when a study document is built
 * @param preloadThreads    parallel Orthanc calls when new instances are preloaded
 * @param studyCacheBytes   memory for assembled study documents (compressed)
 * @param auditIdle         how long a study stays open in a session without requests before its audit summary
 * @param orthancDeadline   longest an Orthanc call may take until its answer's headers, and until its whole answer when
 *                          the WAR reads it itself (JSON); past it 504
 * @param documentLimits    what one study document may cost
 * @param signOn            who signs users on and which roles they need
 * @param studyRules        who may see which study ({@code StudyRulesFile}); {@link StudyRules#NONE}: everyone everything
 * @param emergency         who may open a hidden study by stating why, and for how long
 */
public record Settings(
        URI orthancUrl,
        String orthancUser,
        String orthancPassword,
        DataSource dataSource,
        Optional<String> routerBasename,
        String userConfiguration,
        Optional<String> userConfigurationFile,
        boolean preload,
        Set<String> trustedProxies,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnections,
        Duration orthancDeadline,
        Path dataFolder,
        boolean backfillOnStart,
        int backfillRate,
        int studyThreads,
        int preloadThreads,
        long studyCacheBytes,
        Duration auditIdle,
        DocumentLimits documentLimits,
        DatabaseSettings database,
        SignOnSettings signOn,
        StudyRules studyRules,
        EmergencyAccess emergency) {

    /** Preloading runs only for the DICOM JSON data source, as in the plugin. */
    public boolean preloadActive() {
        return preload && dataSource == DataSource.DICOM_JSON;
    }

    public boolean hasOrthancCredentials() {
        return !orthancUser.isEmpty();
    }

    /** One line for the start-up log, with the secret masked. */
    public String describe() {
        return Setting.ORTHANC_URL + "=" + orthancUrl
                + ", " + Setting.ORTHANC_USER + "=" + (orthancUser.isEmpty() ? "(none)" : orthancUser)
                + ", " + Setting.ORTHANC_PASSWORD + "=" + (orthancPassword.isEmpty() ? "(none)" : "****")
                + ", " + Setting.DATA_SOURCE + "=" + dataSource.value()
                + ", " + Setting.ROUTER_BASENAME + "=" + routerBasename.orElse("(context path + /ohif/)")
                + ", " + Setting.USER_CONFIGURATION + "=" + userConfigurationFile.orElse("(embedded default)")
                + ", " + Setting.PRELOAD + "=" + preload
                + ", " + Setting.TRUSTED_PROXIES + "=" + (trustedProxies.isEmpty() ? "(none)" : String.join(",", trustedProxies))
                + ", " + Setting.ORTHANC_CONNECT_TIMEOUT + "=" + connectTimeout.toMillis() + "ms"
                + ", " + Setting.ORTHANC_READ_TIMEOUT + "=" + readTimeout.toMillis() + "ms"
                + ", " + Setting.ORTHANC_MAX_CONNECTIONS + "=" + maxConnections
                + ", " + Setting.ORTHANC_DEADLINE + "=" + orthancDeadline.toMillis() + "ms"
                + ", " + Setting.DATA_FOLDER + "=" + dataFolder
                + ", " + Setting.BACKFILL_ON_START + "=" + backfillOnStart
                + ", " + Setting.BACKFILL_RATE + "=" + backfillRate + "/s"
                + ", " + Setting.STUDY_THREADS + "=" + studyThreads
                + ", " + Setting.PRELOAD_THREADS + "=" + preloadThreads
                + ", " + Setting.STUDY_CACHE_MEGABYTES + "=" + studyCacheBytes / (1024 * 1024)
                + ", " + Setting.AUDIT_IDLE_SECONDS + "=" + auditIdle.toSeconds()
                + ", " + Setting.STUDY_BUILDS + "=" + documentLimits.builds()
                + ", " + Setting.STUDY_BUILD_QUEUE + "=" + documentLimits.queue()
                + ", " + Setting.STUDY_BUILD_TIMEOUT + "=" + documentLimits.timeout().toMillis() + "ms"
                + ", " + Setting.STUDY_BUILD_MEGABYTES + "=" + (documentLimits.buildBytes() >> 20)
                + ", " + Setting.MAX_FRAMES_PER_INSTANCE + "=" + documentLimits.framesPerInstance()
                + ", " + Setting.MAX_DOCUMENT_ENTRIES + "=" + documentLimits.entries()
                + ", " + database.describe()
                + ", " + signOn.describe()
                + ", " + Setting.STUDY_RULES_FILE + "=" + (studyRules.configured() ? studyRules.rules().size() + " rules"
                : "(none: every viewer sees every study)")
                + ", " + Setting.EMERGENCY_ROLE + "=" + emergency.role()
                + ", " + Setting.EMERGENCY_MINUTES + "=" + emergency.grantFor().toMinutes();
    }

    /** As {@link #describe()}: a record's generated text would show the password. */
    @Override
    public String toString() {
        return describe();
    }
}
