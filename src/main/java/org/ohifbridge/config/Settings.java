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
 * @param signOn            who signs users on and which roles they need
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
        Path dataFolder,
        boolean backfillOnStart,
        int backfillRate,
        int studyThreads,
        int preloadThreads,
        long studyCacheBytes,
        Duration auditIdle,
        SignOnSettings signOn) {

    /** Preloading runs only for the DICOM JSON data source, as in the plugin. */
    public boolean preloadActive() {
        return preload && dataSource == DataSource.DICOM_JSON;
    }

    public boolean hasOrthancCredentials() {
        return !orthancUser.isEmpty();
    }

    /** One line for the start-up log, with the secret masked. */
    public String describe() {
        return "OrthancUrl=" + orthancUrl
                + ", OrthancUser=" + (orthancUser.isEmpty() ? "(none)" : orthancUser)
                + ", OrthancPassword=" + (orthancPassword.isEmpty() ? "(none)" : "****")
                + ", DataSource=" + dataSource.value()
                + ", RouterBasename=" + routerBasename.orElse("(context path + /ohif/)")
                + ", UserConfiguration=" + userConfigurationFile.orElse("(embedded default)")
                + ", Preload=" + preload
                + ", TrustedProxies=" + (trustedProxies.isEmpty() ? "(none)" : String.join(",", trustedProxies))
                + ", OrthancConnectTimeout=" + connectTimeout.toMillis() + "ms"
                + ", OrthancReadTimeout=" + readTimeout.toMillis() + "ms"
                + ", OrthancMaxConnections=" + maxConnections
                + ", DataFolder=" + dataFolder
                + ", BackfillOnStart=" + backfillOnStart
                + ", BackfillRate=" + backfillRate + "/s"
                + ", StudyThreads=" + studyThreads
                + ", PreloadThreads=" + preloadThreads
                + ", StudyCacheMegabytes=" + studyCacheBytes / (1024 * 1024)
                + ", AuditIdleSeconds=" + auditIdle.toSeconds()
                + ", " + signOn.describe();
    }
}
