package org.ohifbridge.web;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A browser that goes away while an answer streams (a closed tab, a cancelled download, OHIF dropping a prefetch) is
 * not a server error, but Jersey logs it as SEVERE with two stack traces (seen under bench/load.sh). This filter on
 * Jersey's response logger lets such records through at FINE only: those whose cause is the container's client-abort
 * exception or a reset or broken connection. Every other record passes as it is. Installed at start only when the
 * logger has no filter yet, removed at undeploy, and never chained to another filter: on WildFly loggers are shared by
 * every deployment, and a filter of one WAR kept by another would keep the first one's class loader.
 */
final class ClientAbortLogFilter implements Filter {
    /** Jersey's logger for failures while writing a response (ServerRuntime.Responder). */
    static final String JERSEY_RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";

    private final Logger logger = Logger.getLogger(JERSEY_RESPONDER);

    /** @return the filter, installed unless the logger had one already (then it is left as it is) */
    static ClientAbortLogFilter install() {
        ClientAbortLogFilter f = new ClientAbortLogFilter();
        synchronized (ClientAbortLogFilter.class) {
            if (f.logger.getFilter() == null) {
                f.logger.setFilter(f);
            }
        }
        return f;
    }

    void remove() {
        synchronized (ClientAbortLogFilter.class) {
            if (logger.getFilter() == this) {
                logger.setFilter(null);
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() > Level.FINE.intValue() && clientWentAway(record.getThrown())) {
            return logger.isLoggable(Level.FINE);
        }
        return true;
    }

    static boolean clientWentAway(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("ClientAbortException") || name.equals("ClosedChannelException")) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
