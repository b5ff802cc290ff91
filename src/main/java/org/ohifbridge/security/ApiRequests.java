package org.ohifbridge.security;

import org.pac4j.core.context.CallContext;
import org.pac4j.core.context.HttpConstants;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.http.ajax.DefaultAjaxRequestResolver;

/**
 * Which requests get 401 instead of a redirect to the sign-on page: XHR/fetch (OHIF's DICOMweb calls), anything
 * with an Authorization header, and anything that does not accept HTML. Browser navigation gets the redirect.
 */
final class ApiRequests extends DefaultAjaxRequestResolver {
    @Override
    public boolean isAjax(CallContext ctx) {
        WebContext web = ctx.webContext();
        if (super.isAjax(ctx) || web.getRequestHeader(HttpConstants.AUTHORIZATION_HEADER).isPresent()) {
            return true;
        }
        return !web.getRequestHeader(HttpConstants.ACCEPT_HEADER).map(a -> a.contains("text/html")).orElse(false);
    }
}
