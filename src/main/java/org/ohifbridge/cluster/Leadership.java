package org.ohifbridge.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.DaemonThreads;

/**
 * Which replica runs the background work (preload, backfill): exactly one at a time. Without a database this one
 * does, from start to end. With one, the replicas compete for a lease row ({@code ohifbridge_lease}, name
 * {@value #WORK}): the holder renews it every {@link #TICK}, for {@link #TTL} from the database's own clock; any
 * replica takes it once it has expired. A lease, rather than a PostgreSQL advisory lock held on a connection, works
 * the same through a container's connection pool (a lock would stay with a pooled connection returned to the pool),
 * and a partitioned holder loses it by the clock even when its connection lingers.
 *
 * <p>A holder that cannot renew stops its work before the lease can expire ({@link #SAFETY}), so two replicas never
 * work at once; and positions are written only while the lease is held ({@link DatabaseState}). A replica that dies
 * is replaced within {@code TTL + TICK} (20 s); one that is undeployed releases the lease and is replaced within a
 * tick.
 */
@ApplicationScoped
public class Leadership {
    /** The lease's name for the background work. */
    static final String WORK = "background";
    static final Duration TTL = Duration.ofSeconds(15);
    static final Duration TICK = Duration.ofSeconds(5);
    /** A holder that could not renew for TTL - SAFETY stops working. */
    static final Duration SAFETY = Duration.ofSeconds(4);
    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());

    private final Database database;
    private final Lease lease;
    private Runnable gained = () -> { };
    private Runnable lost = () -> { };
    private volatile Thread thread;
    /** Whether the work runs here (started and not yet stopped). */
    private volatile boolean working;
    private volatile String lastProblem;

    /** For CDI's client proxy only. */
    protected Leadership() {
        this.database = null;
        this.lease = null;
    }

    @Inject
    public Leadership(Database database) {
        this.database = database;
        this.lease = new Lease(hostName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Starts competing: {@code onGained} runs when this replica may work (at once without a database), {@code onLost}
     * when it must stop before the deployment ends. Both run on the leadership thread, never at the same time.
     */
    public synchronized void start(Runnable onGained, Runnable onLost) {
        this.gained = onGained;
        this.lost = onLost;
        if (!database.configured()) {
            working = true;
            onGained.run();
            return;
        }
        // whichever of the two beans the container destroys first, the lease is released while the database works
        database.beforeClose(c -> {
            stopThread();
            lease.end();
            release(c);
        });
        LOG.info(() -> "ohif-bridge: this replica is " + lease.holder() + "; background work runs on the one holding the lease");
        thread = new DaemonThreads("ohif-bridge-leadership").newThread(this::run);
        thread.start();
    }

    /**
     * The deployment ends: the lease is released so that another replica takes over within a tick. The work's own
     * beans stop their threads as they are destroyed (the callbacks are not run here: beans may already be gone);
     * meanwhile a position write is refused, the lease being gone.
     */
    @PreDestroy
    public synchronized void stop() {
        stopThread();
        working = false;
        if (lease.held()) { // else nothing to release, and the database (perhaps destroyed already) is not asked
            lease.end();
            release();
        }
    }

    private void stopThread() {
        Thread t = thread;
        thread = null;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether this replica runs the background work now. */
    public boolean leader() {
        return !database.configured() || lease.valid();
    }

    /** For status pages: {@code single}, or this replica's role and name. */
    public String describe() {
        return !database.configured() ? "single (no database)" : (leader() ? "leader " : "standby ") + lease.holder();
    }

    /** This replica's name in the lease: host and a random suffix per deployment. */
    public String holder() {
        return lease.holder();
    }

    /** The lease as plain state, for the threads that write positions under it ({@link DatabaseState}). */
    Lease lease() {
        return lease;
    }

    /** Whether a database decides (else this replica always works). */
    public boolean shared() {
        return database.configured();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            tick();
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: take or renew the lease; start or stop the work accordingly. */
    void tick() {
        boolean held;
        long before = System.nanoTime(); // the renewal counts from before it was asked: never longer than the database's
        try (Connection c = database.connection()) {
            held = acquire(c);
            if (lastProblem != null) {
                lastProblem = null;
                LOG.info("ohif-bridge: the lease can be renewed again");
            }
        } catch (SQLException e) {
            String problem = e.getClass().getSimpleName();
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                LOG.warning(() -> "ohif-bridge: cannot reach the database for the lease (" + problem + ")"
                        + (working ? "; background work stops unless it answers within "
                        + (TTL.minus(SAFETY).toSeconds()) + " s" : ""));
            }
            if (working && !lease.valid()) {
                lose("the lease could not be renewed in time");
            }
            return;
        }
        if (held) {
            lease.renewed(before + TTL.minus(SAFETY).toNanos());
            if (!working) {
                working = true;
                LOG.info(() -> "ohif-bridge: " + lease.holder()
                        + " holds the lease: background work (preload, backfill) runs here");
                runQuietly(gained);
            }
        } else {
            lease.end();
            if (working) {
                lose("another replica holds the lease");
            }
        }
    }

    private void lose(String why) {
        working = false;
        lease.end();
        LOG.warning(() -> "ohif-bridge: " + lease.holder() + " stops the background work: " + why);
        runQuietly(lost);
    }

    private boolean acquire(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO ohifbridge_lease AS l (name, holder, expires)
                VALUES (?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                WHERE l.holder = excluded.holder OR l.expires < now()
                RETURNING holder""")) {
            s.setString(1, WORK);
            s.setString(2, lease.holder());
            s.setDouble(3, TTL.toSeconds());
            s.setQueryTimeout(5);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private void release() {
        try (Connection c = database.connection()) {
            release(c);
        } catch (SQLException e) {
            LOG.info(() -> "ohif-bridge: the lease could not be released (" + e.getClass().getSimpleName()
                    + "); another replica takes over when it expires");
        }
    }

    /** Gives the lease up, if this replica holds it. */
    private void release(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ohifbridge_lease WHERE name = ? AND holder = ?")) {
            s.setString(1, WORK);
            s.setString(2, lease.holder());
            s.setQueryTimeout(5);
            if (s.executeUpdate() > 0) {
                LOG.info(() -> "ohif-bridge: " + lease.holder() + " released the lease");
            }
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ohif-bridge: starting or stopping the background work failed", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
