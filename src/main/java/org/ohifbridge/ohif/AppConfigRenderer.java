package org.ohifbridge.ohif;

/**
 * Writes app-config.js as the plugin does (plugin-spec §4): the user part first, then a system part that
 * overrides {@code routerBasename}, {@code dataSources} and {@code defaultDataSourceName}. The data-source
 * roots are the WAR's own {@code dicom-web} proxy, as a path on the page's origin. Every inserted value is
 * a quoted, escaped JavaScript literal.
 */
public final class AppConfigRenderer {
    private static final String SYSTEM_PART = """

            /* ---- ohif-bridge system part: overrides routerBasename, dataSources, defaultDataSourceName ---- */
            window.config = window.config || {};
            window.config.routerBasename = ${ROUTER_BASENAME};
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

    private final String userPart;

    public AppConfigRenderer(String userPart) {
        this.userPart = userPart;
    }

    public String render(PublicPaths.Base base) {
        return userPart + "\n" + SYSTEM_PART
                .replace("${ROUTER_BASENAME}", JsStrings.quote(base.ohif()))
                .replace("${DICOMWEB_ROOT}", JsStrings.quote(base.dicomWeb()));
    }
}
