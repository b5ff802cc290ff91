package org.ohifbridge.ohif;

import org.ohifbridge.http.Html;
import org.ohifbridge.http.PublicBase;

/**
 * OHIF's index.html for one base path. The build turned every root-absolute {@code href/src/content="/…"}
 * into {@code {{BASE_ATTR}}…} and {@code window.PUBLIC_URL="/"} into {@code "{{BASE_JS}}"}.
 */
public final class IndexRenderer {
    private final String template;

    public IndexRenderer(String template) {
        if (!template.contains("{{BASE_ATTR}}") || !template.contains("{{BASE_JS}}")) {
            throw new IllegalArgumentException("index.html is not an ohif-bridge template (build problem)");
        }
        this.template = template;
    }

    public String render(PublicBase base) {
        return template.replace("{{BASE_ATTR}}", Html.text(base.ohif()))
                .replace("{{BASE_JS}}", JsStrings.escape(base.ohif()));
    }
}
