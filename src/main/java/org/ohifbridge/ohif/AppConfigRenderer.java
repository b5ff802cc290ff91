package org.ohifbridge.ohif;

import org.ohifbridge.config.DataSource;
import org.ohifbridge.http.PublicBase;

/**
 * Writes app-config.js as the plugin does (its {@code Sources/app-config-system.js}, orthanc-ohif, branch
 * OrthancOHIF-1.8, appended to the user part by {@code Sources/Plugin.cpp}): the user part first, then a system part that
 * overrides {@code routerBasename}, {@code dataSources} and {@code defaultDataSourceName}, and in DICOM JSON
 * mode also {@code showStudyList} (false: that data source has no study search). The DICOMweb roots are the
 * WAR's own {@code dicom-web} proxy, as a path on the page's origin. Every inserted value is a quoted, escaped
 * JavaScript literal.
 *
 * <p>When app-config.js itself arrives over HTTP/2 and the user part is the embedded default, the system part
 * also raises OHIF's {@code maxNumRequests} from the plugin's 100/75/25 to {@value #HTTP2_LIMITS}: every
 * request then shares one connection, and the viewer may keep a whole volume in flight (bench/servers.sh: the
 * 64 frames of the MPR test volume arrived in 4.5-4.8 s instead of 55-56 s, first paint no later). An admin's own
 * user part is never changed.
 *
 * <p>Sized against the server rather than lowered to its Orthanc connections: Tomcat runs at most 20 streams of one
 * HTTP/2 connection at a time and admits 100 (Http2Protocol's {@code maxConcurrentStreamExecution} and
 * {@code maxConcurrentStreams} defaults), WildFly at most its worker threads; the rest wait in OHIF's own queue, which
 * serves the user's interaction first. A running request that finds every viewer connection to Orthanc taken
 * ({@code OrthancMaxConnections}) waits for one until {@code OrthancDeadline} instead of failing: bench/servers.sh
 * part 4, 200 streams against 4 connections, answered every request 2xx. Limits sized to the 32 connections cost the
 * volume dearly (part 3: all frames in after 43.6 s with 32/16/16, 59.1 s with 16/8/8, 2.6 s with these).
 */
public final class AppConfigRenderer {
    private static final String HEADER = """

            /* ---- ohif-bridge system part: overrides routerBasename, dataSources, defaultDataSourceName ---- */
            window.config = window.config || {};
            window.config.routerBasename = ${ROUTER_BASENAME};
            """;

    private static final String DICOM_WEB = """
            window.config.dataSources = [
              {
                friendlyName: 'Orthanc DICOMweb',
                namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
                sourceName: 'dicomweb',
                configuration: {
                  name: 'orthanc',
                  wadoUriRoot: ${DICOMWEB_ROOT},
                  qidoRoot: ${DICOMWEB_ROOT},
                  wadoRoot: ${DICOMWEB_ROOT},
                  qidoSupportsIncludeField: false,
                  supportsReject: false,
                  imageRendering: 'wadors',
                  thumbnailRendering: 'wadors',
                  enableStudyLazyLoad: true,
                  supportsFuzzyMatching: false,
                  supportsWildcard: true,
                  staticWado: true,
                  singlepart: 'bulkdata,video',
                  acceptHeader: ['multipart/related; type=application/octet-stream; transfer-syntax=*'],
                  bulkDataURI: { enabled: true, relativeResolution: 'studies' },
                },
              },
            ];
            window.config.defaultDataSourceName = 'dicomweb';
            """;

    private static final String DICOM_JSON = """
            window.config.showStudyList = false;
            window.config.dataSources = [
              {
                friendlyName: 'Orthanc DICOM JSON',
                namespace: '@ohif/extension-default.dataSourcesModule.dicomjson',
                sourceName: 'dicomjson',
                configuration: { name: 'json' },
              },
            ];
            window.config.defaultDataSourceName = 'dicomjson';
            """;

    static final String HTTP2_LIMITS = "{ interaction: 200, thumbnail: 150, prefetch: 100 }";

    private static final String HTTP2 = """
            /* HTTP/2: all requests share one connection, so more may be in flight (the embedded user part only) */
            window.config.maxNumRequests = ${LIMITS};
            """.replace("${LIMITS}", HTTP2_LIMITS);

    private final String userPart;
    private final DataSource dataSource;
    private final boolean embeddedUserPart;

    /** @param embeddedUserPart whether {@code userPart} is the WAR's default (no UserConfiguration given) */
    public AppConfigRenderer(String userPart, DataSource dataSource, boolean embeddedUserPart) {
        this.userPart = userPart;
        this.dataSource = dataSource;
        this.embeddedUserPart = embeddedUserPart;
    }

    /** @param http2 whether the request for app-config.js came over HTTP/2 */
    public String render(PublicBase base, boolean http2) {
        String system = HEADER + (dataSource == DataSource.DICOM_JSON ? DICOM_JSON : DICOM_WEB)
                + (http2 && embeddedUserPart ? HTTP2 : "");
        return userPart + "\n" + system
                .replace("${ROUTER_BASENAME}", JsStrings.quote(base.ohif()))
                .replace("${DICOMWEB_ROOT}", JsStrings.quote(base.dicomWeb()));
    }
}
