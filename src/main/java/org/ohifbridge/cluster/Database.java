package org.ohifbridge.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.ohifbridge.config.DatabaseSettings;
import org.ohifbridge.config.Settings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database replicas share, when one is configured: the container's DataSource looked up by its JNDI name (pooled
 * by the server), or the PostgreSQL driver's own DataSource for a URL (a connection per use: the state is written
 * about once a second, the lease every few seconds). Its schema is brought up to date by Flyway from
 * {@code org/ohifbridge/cluster/migration} before first use; Flyway's own lock makes replicas that start together
 * migrate it once. A database that is down at start does not stop the deployment: {@link #ready()} tries again
 * at a use at most every {@value #RETRY_SECONDS} s, and says "not ready" at once in between.
 */
@ApplicationScoped
public class Database {
    static final String MIGRATIONS = "classpath:org/ohifbridge/cluster/migration";
    static final String HISTORY_TABLE = "ohifbridge_schema_history";
    private static final int TIMEOUT_SECONDS = 5;
    /** After a failed start, how long callers are told "not ready" without another try. */
    private static final int RETRY_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final DatabaseSettings settings;
    private volatile DataSource dataSource;
    private volatile boolean migrated;
    private volatile String lastProblem;
    /** System.nanoTime() before which a failed start is not tried again (callers get "not ready" at once). */
    private volatile long retryAfter = System.nanoTime();
    /** Last words before the database is let go (a lease to release), each given a connection of its own. */
    private final List<SqlWork> beforeClose = new CopyOnWriteArrayList<>();

    /** Work on one connection. */
    public interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** For CDI's client proxy only. */
    protected Database() {
        this.settings = null;
    }

    @Inject
    public Database(Settings settings) {
        this.settings = settings.database();
    }

    public boolean configured() {
        return settings.configured();
    }

    /**
     * Whether the database can be used: found, and its schema current (migrated now if need be). A failure is logged
     * once until it changes.
     */
    public boolean ready() {
        if (migrated) {
            return true;
        }
        if (System.nanoTime() - retryAfter < 0) {
            return false; // it failed a moment ago: a status page or a scrape must not wait for it again
        }
        return start();
    }

    private synchronized boolean start() {
        if (migrated) {
            return true;
        }
        try {
            if (dataSource == null) {
                dataSource = lookup();
            }
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true) // a database that already holds other tables (e.g. Orthanc's)
                    .baselineVersion("0")
                    .connectRetries(0)
                    .load()
                    .migrate();
            migrated = true;
            lastProblem = null;
            LOG.info(() -> "ohif-bridge: database ready (" + settings.describe() + ")");
            return true;
        } catch (NamingException | RuntimeException e) { // FlywayException is one
            retryAfter = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
            String problem = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                LOG.warning(() -> "ohif-bridge: the database (" + settings.describe() + ") cannot be used yet: " + problem
                        + "; background work waits for it, viewing is not affected");
            }
            return false;
        }
    }

    /** Registers work that must run before the database is let go at the end of the deployment. */
    public void beforeClose(SqlWork work) {
        beforeClose.add(work);
    }

    /** A connection for one short piece of work; close it. */
    public Connection connection() throws SQLException {
        if (!ready()) {
            throw new SQLException("the database is not ready: " + lastProblem);
        }
        return dataSource.getConnection();
    }

    /**
     * The deployment ends: the work registered with {@link #beforeClose} runs first (whichever bean the container
     * destroys first, this one must not leave a lease behind); then the PostgreSQL driver the WAR brought registered itself with the JVM's DriverManager when
     * it was loaded; it is taken out again, or it would keep this deployment's class loader (a server's own driver,
     * behind a JNDI DataSource, is left alone).
     */
    @PreDestroy
    public void stop() {
        for (SqlWork w : beforeClose) {
            if (migrated) {
                try (Connection c = dataSource.getConnection()) {
                    w.run(c);
                } catch (SQLException e) {
                    LOG.fine(() -> "ohif-bridge: last database work failed: " + e.getClass().getSimpleName());
                }
            }
        }
        beforeClose.clear();
        ClassLoader ours = Database.class.getClassLoader();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(d);
                } catch (SQLException e) {
                    LOG.fine(() -> "ohif-bridge: could not deregister " + d.getClass().getName());
                }
            }
        }
    }

    private DataSource lookup() throws NamingException {
        if (settings.jndiName().isPresent()) {
            return (DataSource) new InitialContext().lookup(settings.jndiName().get());
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(settings.url().orElseThrow());
        pg.setUser(settings.user());
        pg.setPassword(settings.password());
        pg.setApplicationName("ohif-bridge");
        pg.setConnectTimeout(TIMEOUT_SECONDS);
        pg.setLoginTimeout(TIMEOUT_SECONDS);
        pg.setSocketTimeout(3 * TIMEOUT_SECONDS); // no statement of ours takes long: a silent database is a dead one
        pg.setTcpKeepAlive(true);
        return pg;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
