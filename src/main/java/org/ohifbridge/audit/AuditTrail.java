package org.ohifbridge.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What each finished request means for the audit trail: a {@code denied}, {@code search} or {@code link} event of its
 * own, or a count in its study's tally, with a {@code study-open} event on the first request of a study in a session
 * and a {@code study-retrieved} summary once the study has been idle (README, "Audit trail"). Not thread-safe: the
 * audit's worker thread owns it ({@link AuditLog}).
 */
final class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private final StudyLookup lookup;
    private final StudyTallies<AuditedStudy> tallies;
    /** {@code denied} events written one by one per second at most; the others are counted in one line. */
    static final int DENIED_PER_SECOND = 20;
    private final AuditEvents events;
    private long deniedSecond = Long.MIN_VALUE;
    private int deniedThisSecond;
    private long deniedSuppressed;

    AuditTrail(StudyLookup lookup, StudyTallies<AuditedStudy> tallies) {
        this(lookup, tallies, new AuditEvents());
    }

    AuditTrail(StudyLookup lookup, StudyTallies<AuditedStudy> tallies, AuditEvents events) {
        this.lookup = lookup;
        this.tallies = tallies;
        this.events = events;
    }

    /**
     * Refusals are cheap to cause (anonymous traffic in {@code oidc} mode, a scanner): {@value #DENIED_PER_SECOND} a
     * second are written as they come, the rest are counted and written as one line when the next second starts.
     */
    private void denied(AuditRequest r) {
        long second = r.nanos() / 1_000_000_000L;
        if (second != deniedSecond) {
            if (deniedSuppressed > 0) {
                events.deniedSuppressed(r.time(), deniedSuppressed);
                deniedSuppressed = 0;
            }
            deniedSecond = second;
            deniedThisSecond = 0;
        }
        if (++deniedThisSecond <= DENIED_PER_SECOND) {
            events.denied(r);
        } else {
            deniedSuppressed++;
        }
    }

    void handle(AuditRequest r) {
        try {
            AuditRoutes.Route route = r.route();
            boolean hidden = r.access().map(a -> a.startsWith(AuditNote.HIDDEN)).orElse(false);
            if (route == null || r.status() == 401 || r.status() == 403 || hidden) {
                denied(r);
                return;
            }
            switch (route.scope()) {
                case SEARCH, LAUNCHER -> events.search(r);
                case LINK -> events.link(r);
                case EMERGENCY -> {
                    if ("POST".equals(r.method()) && r.access().isPresent()) {
                        events.emergency(r);
                    }
                }
                default -> content(r, route);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ohif-bridge: audit event lost", e);
        }
    }

    /** Summarises the studies idle for the idle time at {@code nanos} ({@link System#nanoTime()}). */
    void expire(long nanos) {
        tallies.expire(nanos).forEach(events::studyRetrieved);
    }

    /** Summarises every open study (undeploy). */
    void drain() {
        tallies.drain().forEach(events::studyRetrieved);
    }

    private void content(AuditRequest r, AuditRoutes.Route route) {
        Optional<String> uid = r.studies().isEmpty() ? uidOf(route) : Optional.of(r.studies().get(0));
        AuditedStudy study = uid.map(AuditedStudy::uid).orElseGet(() -> named(route));
        List<StudyTallies.Tally<AuditedStudy>> overflow = new ArrayList<>(1);
        StudyTallies.Touch touch = tallies.touch(r.caller(), study, route.kind(), r.status(), r.time(), r.nanos(), overflow);
        overflow.forEach(events::studyRetrieved);
        boolean byOrthancStudy = route.scope() == AuditRoutes.Scope.ORTHANC_STUDY;
        if (touch.open()) {
            events.studyOpen(r, study, byOrthancStudy ? route.key() : null, touch.status());
        }
        if (byOrthancStudy && uid.isPresent()) {
            lookup.learn(r.instances(), uid.get()); // the files that follow belong to this study
        }
    }

    private Optional<String> uidOf(AuditRoutes.Route route) {
        return route.scope() == AuditRoutes.Scope.STUDY_UID ? Optional.of(route.key())
                : lookup.uidOf(route.key(), route.scope() == AuditRoutes.Scope.ORTHANC_INSTANCE);
    }

    /** The study as the request's path names it. */
    static AuditedStudy named(AuditRoutes.Route route) {
        return switch (route.scope()) {
            case STUDY_UID -> AuditedStudy.uid(route.key());
            case ORTHANC_STUDY -> new AuditedStudy(AuditedStudy.Kind.ORTHANC_STUDY, route.key());
            default -> new AuditedStudy(AuditedStudy.Kind.ORTHANC_INSTANCE, route.key());
        };
    }
}
