package org.ohifbridge.security;

import org.pac4j.core.context.CallContext;
import org.pac4j.core.context.HttpConstants;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.http.ajax.DefaultAjaxRequestResolver;

/**
 * Which requests get 401 instead of a redirect to the sign-on page: XHR/fetch (OHIF's DICOMweb calls), anything
 * with an Authorization header, any method but GET/HEAD, and anything that does not accept HTML. Browser navigation
 * gets the redirect.
 */
final class ApiRequests extends DefaultAjaxRequestResolver {
    @Override
    public boolean isAjax(CallContext ctx) {
        WebContext web = ctx.webContext();
        // a POST/PUT/DELETE without a user is never sent to sign on: pac4j would keep it and replay it from this
        // origin after the sign-on, past the cross-site check
        if (super.isAjax(ctx) || web.getRequestHeader(HttpConstants.AUTHORIZATION_HEADER).isPresent()
                || !"GET".equals(web.getRequestMethod()) && !"HEAD".equals(web.getRequestMethod())) {
            return true;
        }
        return !web.getRequestHeader(HttpConstants.ACCEPT_HEADER).map(a -> a.contains("text/html")).orElse(false);
    }
}
