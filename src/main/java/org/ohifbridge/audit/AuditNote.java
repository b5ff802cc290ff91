package org.ohifbridge.audit;

import jakarta.servlet.ServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * What only the request's own code knows, for the audit: who the caller is (the sign-on filter: pac4j's user lives on
 * its own request wrapper), whether sign-on let the request through, which studies a link or a study document
 * concerned, what was asked and how many studies matched (the resources). {@link AuditFilter} attaches one to every
 * request and reads it when the request has ended; one request attribute holds it, so it reaches every wrapper.
 */
public final class AuditNote {
    private static final String ATTRIBUTE = AuditNote.class.getName();

    private volatile String user;
    private volatile List<String> roles = List.of();
    private volatile boolean reached;
    private volatile List<String> studies = List.of();
    private volatile List<String> instances = List.of();
    private volatile String query;
    private volatile Integer matches;
    private volatile String access;

    /** This request's note: the one the audit filter attached, or a new one (a request the audit does not follow). */
    public static AuditNote of(ServletRequest request) {
        Object note = request.getAttribute(ATTRIBUTE);
        if (note instanceof AuditNote n) {
            return n;
        }
        AuditNote n = new AuditNote();
        request.setAttribute(ATTRIBUTE, n);
        return n;
    }

    /** The signed-on user and the ohif-bridge roles (viewer, admin) they hold. */
    public void caller(String user, List<String> roles) {
        this.user = user;
        this.roles = List.copyOf(roles);
    }

    /** Sign-on let the request through to the application (not: a sign-on redirect, or a refusal). */
    public void reached() {
        this.reached = true;
    }

    /** The StudyInstanceUIDs the request concerned (a deep link's matches, a study document's study). */
    public void studies(List<String> uids) {
        this.studies = List.copyOf(uids);
    }

    /** The Orthanc ids of a served study document's instances: the files that follow are that study's. */
    public void instances(List<String> ids) {
        this.instances = List.copyOf(ids);
    }

    /** What was asked: a deep link's identifiers, a search's text. */
    public void query(String text) {
        this.query = text;
    }

    /** How many studies matched (deep links and searches). */
    public void matches(int count) {
        this.matches = count;
    }

    /** How the access rules decided on the request's study: the rule that opened it, or that it stayed hidden. */
    public void access(String decision) {
        this.access = decision;
    }

    public Optional<String> access() {
        return Optional.ofNullable(access);
    }

    /** The access rules hid the request's study: answered as unknown, audited as denied. */
    public boolean hidden() {
        String a = access;
        return a != null && a.startsWith(HIDDEN);
    }

    /** How {@link #access} begins when the rules hid the study. */
    public static final String HIDDEN = "hidden";

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public List<String> roles() {
        return roles;
    }

    public boolean wasReached() {
        return reached;
    }

    public List<String> studies() {
        return studies;
    }

    public List<String> instances() {
        return instances;
    }

    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    public Optional<Integer> matches() {
        return Optional.ofNullable(matches);
    }
}
