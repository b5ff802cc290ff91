package org.ohifbridge.ohif;

import org.ohifbridge.config.DataSource;

/**
 * Writes app-config.js as the plugin does (plugin-spec §4): the user part first, then a system part that
 * overrides {@code routerBasename}, {@code dataSources} and {@code defaultDataSourceName}, and in DICOM JSON
 * mode also {@code showStudyList} (false: that data source has no study search). The DICOMweb roots are the
 * WAR's own {@code dicom-web} proxy, as a path on the page's origin. Every inserted value is a quoted, escaped
 * JavaScript literal.
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

    private final String userPart;
    private final DataSource dataSource;

    public AppConfigRenderer(String userPart, DataSource dataSource) {
        this.userPart = userPart;
        this.dataSource = dataSource;
    }

    public String render(PublicPaths.Base base) {
        String system = HEADER + (dataSource == DataSource.DICOM_JSON ? DICOM_JSON : DICOM_WEB);
        return userPart + "\n" + system
                .replace("${ROUTER_BASENAME}", JsStrings.quote(base.ohif()))
                .replace("${DICOMWEB_ROOT}", JsStrings.quote(base.dicomWeb()));
    }
}
