package org.ohifbridge.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ohifbridge.config.Settings;

/**
 * Emergency access granted on this replica: a user who stated why may see one study they are otherwise not allowed, for
 * {@code EmergencyMinutes}. Kept in memory, newest last, at most {@value #MAX_KEPT} (the oldest leave first);
 * a user holds at most {@value #MAX_PER_USER} at once. Every grant is an audit event ({@code emergency-access})
 * as well, which with a database is the cluster's record.
 */
@ApplicationScoped
public class EmergencyGrants {
    public static final int MAX_KEPT = 10_000;
    public static final int MAX_PER_USER = 20;
    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 500;

    /** One grant, as the review page lists it. */
    public record Grant(String user, String studyUid, String reason, Instant from, Instant until) {
        public boolean activeAt(Instant t) {
            return t.isBefore(until);
        }
    }

    private final Duration grantFor;
    private final Clock clock;
    /** Every grant kept, for review. */
    private final Deque<Grant> grants = new ArrayDeque<>();
    /** Each user's grants that had not ended at their last grant: what {@link #active} reads on every request. */
    private final java.util.Map<String, List<Grant>> byUser = new java.util.HashMap<>();

    /** For CDI's client proxy only. */
    protected EmergencyGrants() {
        this.grantFor = null;
        this.clock = null;
    }

    @Inject
    public EmergencyGrants(Settings settings) {
        this(settings.emergency().grantFor(), Clock.systemUTC());
    }

    public EmergencyGrants(Duration grantFor, Clock clock) {
        this.grantFor = grantFor;
        this.clock = clock;
    }

    /**
     * Why a reason cannot be accepted, or null: it is required, {@value #MIN_REASON} to {@value #MAX_REASON}
     * characters, on one or a few lines, without control characters.
     */
    public static String refuses(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.length() < MIN_REASON) {
            return "Say why you need this study (at least " + MIN_REASON + " characters).";
        }
        if (r.length() > MAX_REASON) {
            return "The reason may hold at most " + MAX_REASON + " characters.";
        }
        if (r.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f)) {
            return "The reason holds a character that cannot be kept.";
        }
        return null;
    }

    /** Grants {@code user} the study; {@link IllegalArgumentException} for a reason {@link #refuses} refuses. */
    public synchronized Grant grant(String user, String studyUid, String reason) {
        String why = refuses(reason);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Instant now = clock.instant();
        List<Grant> mine = byUser.computeIfAbsent(user, u -> new ArrayList<>());
        mine.removeIf(g -> !g.activeAt(now));
        if (mine.size() >= MAX_PER_USER) {
            throw new IllegalStateException("at most " + MAX_PER_USER + " emergency grants at once");
        }
        Grant g = new Grant(user, studyUid, reason.strip(), now, now.plus(grantFor));
        mine.add(g);
        grants.addLast(g);
        while (grants.size() > MAX_KEPT) { // the oldest leaves the review list (and, if still running, ends)
            Grant old = grants.removeFirst();
            List<Grant> theirs = byUser.get(old.user());
            if (theirs != null && theirs.remove(old) && theirs.isEmpty()) {
                byUser.remove(old.user());
            }
        }
        return g;
    }

    /** The studies {@code user} holds a grant for now. */
    public synchronized Set<String> active(String user) {
        List<Grant> mine = user == null ? null : byUser.get(user);
        if (mine == null) {
            return Set.of();
        }
        Instant now = clock.instant();
        Set<String> out = new TreeSet<>();
        for (Grant g : mine) {
            if (g.activeAt(now)) {
                out.add(g.studyUid());
            }
        }
        return out;
    }

    /** The latest grants, newest first, for review. */
    public synchronized List<Grant> recent(int max) {
        List<Grant> out = new ArrayList<>();
        for (Iterator<Grant> it = grants.descendingIterator(); it.hasNext() && out.size() < max; ) {
            out.add(it.next());
        }
        return out;
    }
}
