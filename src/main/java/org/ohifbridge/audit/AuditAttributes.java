package org.ohifbridge.audit;

/**
 * Request attributes through which the sign-on filter and the resources tell the audit what only they know: who the
 * caller is (pac4j's user lives on its own request wrapper), which studies a link or a document concerned, and what
 * was asked. Attributes set on a wrapper reach the request the audit filter holds.
 */
public final class AuditAttributes {
    /** String: the signed-on user's name (absent: anonymous). */
    public static final String USER = "org.ohifbridge.audit.user";
    /** List&lt;String&gt;: the ohif-bridge roles the user holds (viewer, admin role names). */
    public static final String ROLES = "org.ohifbridge.audit.roles";
    /** Boolean: sign-on let the request through to the application (absent: a sign-on redirect, a refusal). */
    public static final String REACHED = "org.ohifbridge.audit.reached";
    /** List&lt;String&gt;: StudyInstanceUIDs the request concerned (a deep link's matches, a study document's study). */
    public static final String STUDIES = "org.ohifbridge.audit.studies";
    /** List&lt;String&gt;: the Orthanc ids of a served study document's instances (their files are that study's). */
    public static final String INSTANCES = "org.ohifbridge.audit.instances";
    /** String: what was asked, for the event's {@code query} (a deep link's identifiers, a search's text). */
    public static final String QUERY = "org.ohifbridge.audit.query";
    /** Integer: how many studies matched (deep links and searches). */
    public static final String MATCHES = "org.ohifbridge.audit.matches";

    private AuditAttributes() {
    }
}
