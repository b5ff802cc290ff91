package org.ohifbridge.config;

import java.util.Optional;

/**
 * How users sign on and which roles they need.
 *
 * @param mode       who authenticates
 * @param viewerRole the role every route needs (but health); default {@code ohif-viewer}
 * @param adminRole  the role the admin routes need as well; default {@code ohif-admin}
 * @param metricsRole the role {@code metrics} needs as well; default {@code ohif-metrics}
 * @param oidc       present in {@link SignOnMode#OIDC} mode only
 */
public record SignOnSettings(SignOnMode mode, String viewerRole, String adminRole, String metricsRole,
                             Optional<OidcSettings> oidc) {
    public String describe() {
        return Setting.SIGN_ON + "=" + mode.value() + ", " + Setting.VIEWER_ROLE + "=" + viewerRole + ", "
                + Setting.ADMIN_ROLE + "=" + adminRole + ", " + Setting.METRICS_ROLE + "=" + metricsRole
                + oidc.map(o -> ", " + o.describe()).orElse("");
    }
}
