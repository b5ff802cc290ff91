package org.ohifbridge.security;

import jakarta.servlet.http.HttpServletRequest;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.context.session.SessionStoreFactory;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.jee.context.session.JEESessionStore;

/**
 * pac4j's servlet session store, with one change: a signed-on user's session is renewed (against session fixation) by
 * giving it a new id ({@link HttpServletRequest#changeSessionId()}, Servlet 3.1) instead of pac4j's invalidate, new
 * session and copy of the attributes. One session throughout keeps replication simple, and WildFly's distributable
 * session manager (Infinispan) does not close the session created after an invalidation in the same request: it stayed
 * locked, so no other node could take it over (seen with WildFly 39; SessionFailoverIT).
 */
final class ChangingIdSessionStore extends JEESessionStore {
    static final SessionStoreFactory FACTORY = parameters -> new ChangingIdSessionStore();

    @Override
    public boolean renewSession(WebContext context) {
        if (httpSession != null) {
            return super.renewSession(context); // a store bound to one session (pac4j's logout handling)
        }
        HttpServletRequest request = ((JEEContext) context).getNativeRequest();
        if (request.getSession(false) == null) {
            return false;
        }
        request.changeSessionId();
        return true;
    }
}
