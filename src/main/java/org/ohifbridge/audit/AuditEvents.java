package org.ohifbridge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.Json;

/**
 * The audit trail's lines: one JSON object per event (schema {@value #SCHEMA}) on the logger {@value #LOGGER}, for the
 * container's logging to write to a file of its own or to syslog (README, "Audit trail").
 */
final class AuditEvents {
    static final String LOGGER = "ohif-bridge.audit";
    static final String SCHEMA = "ohif-bridge-audit/1";
    private static final Logger AUDIT = Logger.getLogger(LOGGER);
    private static final Logger LOG = Logger.getLogger(AuditEvents.class.getName());

    /** Where every event goes as well (the database's table when there is one). */
    private final java.util.function.Consumer<ObjectNode> alsoTo;

    AuditEvents() {
        this(e -> { });
    }

    AuditEvents(java.util.function.Consumer<ObjectNode> alsoTo) {
        this.alsoTo = alsoTo;
    }

    /** Longest path a {@code denied} event repeats: refusals are sent by anyone, at any length. */
    static final int MAX_PATH = 256;

    /** {@code denied} events that were not written one by one (more than the rate allows), counted in one line. */
    void deniedSuppressed(java.time.Instant time, long count) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("schema", SCHEMA);
        e.put("time", time.toString());
        e.put("action", "denied");
        e.put("suppressed", count);
        write(e);
    }

    /** A 401 or 403. */
    void denied(AuditRequest r) {
        ObjectNode e = event(r.time(), "denied", r.caller());
        e.put("method", r.method().length() > 16 ? r.method().substring(0, 16) + "…" : r.method());
        e.put("path", r.path().length() > MAX_PATH ? r.path().substring(0, MAX_PATH) + "…" : r.path());
        if (r.route() != null && r.route().studyContent()) {
            put(e, AuditTrail.named(r.route()));
        }
        e.put("outcome", r.status());
        r.access().ifPresent(a -> e.put("reason", a)); // a study the access rules hid (answered 404)
        write(e);
    }

    /** The launcher, or a QIDO search without a study. */
    void search(AuditRequest r) {
        ObjectNode e = event(r.time(), "search", r.caller());
        e.put("via", r.route().kind());
        r.query().ifPresent(q -> e.put("query", q));
        r.matches().ifPresent(n -> e.put("matches", n));
        e.put("outcome", r.status());
        write(e);
    }

    /**
     * Emergency access granted: the study, the user's reason and until when (the request's note carries them as its
     * studies, its query and its access decision).
     */
    void emergency(AuditRequest r) {
        ObjectNode e = event(r.time(), "emergency-access", r.caller());
        if (!r.studies().isEmpty()) {
            e.put("study", r.studies().get(0));
        }
        r.query().ifPresent(q -> e.put("reason", q));
        r.access().ifPresent(a -> e.put("until", a.substring(a.lastIndexOf(' ') + 1)));
        e.put("outcome", r.status());
        write(e);
    }

    /** A deep link. */
    void link(AuditRequest r) {
        ObjectNode e = event(r.time(), "link", r.caller());
        r.query().ifPresent(q -> e.put("query", q));
        r.matches().ifPresent(n -> e.put("matches", n));
        ArrayNode uids = e.putArray("studies");
        r.studies().forEach(uids::add);
        e.put("outcome", r.status());
        write(e);
    }

    /**
     * The first request for a study's content in a session.
     *
     * @param orthancStudy the Orthanc study id the request named, when it named one
     */
    void studyOpen(AuditRequest r, AuditedStudy study, String orthancStudy, int outcome) {
        ObjectNode e = event(r.time(), "study-open", r.caller());
        put(e, study);
        if (orthancStudy != null) {
            e.put(AuditedStudy.Kind.ORTHANC_STUDY.field(), orthancStudy);
        }
        e.put("via", r.route().kind());
        e.put("outcome", outcome);
        r.access().ifPresent(a -> e.put("access", a)); // the access rule that opened it
        write(e);
    }

    /** A study's traffic in a session, summed, once it has been idle. */
    void studyRetrieved(StudyTallies.Tally<AuditedStudy> t) {
        ObjectNode e = event(t.last(), "study-retrieved", t.caller());
        put(e, t.study());
        e.put("first", t.first().toString());
        e.put("last", t.last().toString());
        ObjectNode n = e.putObject("requests");
        t.requests().forEach(n::put);
        e.put("failures", t.failures());
        write(e);
    }

    static ObjectNode event(Instant time, String action, Caller c) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("schema", SCHEMA);
        e.put("time", time.toString());
        e.put("action", action);
        e.put("user", c.user());
        ArrayNode roles = e.putArray("roles");
        c.roles().forEach(roles::add);
        e.put("client", c.client());
        e.put("userAgent", c.userAgent());
        e.put("session", c.session());
        return e;
    }

    private static void put(ObjectNode e, AuditedStudy study) {
        e.put(study.kind().field(), study.id());
    }

    private void write(ObjectNode e) {
        try {
            AUDIT.info(Json.MAPPER.writeValueAsString(e));
        } catch (JsonProcessingException x) {
            LOG.log(Level.WARNING, "ohif-bridge: audit event not written", x);
        }
        alsoTo.accept(e);
    }
}
