package org.ohifbridge.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ClientAbortLogFilterTest {
    /** As Tomcat's org.apache.catalina.connector.ClientAbortException, matched by its name. */
    static final class ClientAbortException extends IOException {
        ClientAbortException(Throwable cause) {
            super(cause);
        }
    }

    private static LogRecord severe(Throwable t) {
        LogRecord r = new LogRecord(Level.SEVERE, "An I/O error has occurred while writing a response message entity");
        r.setThrown(t);
        return r;
    }

    @Test
    void aBrowserThatWentAwayIsNotASevereErrorAnythingElseIs() {
        ClientAbortLogFilter f = ClientAbortLogFilter.install();
        try {
            assertFalse(f.isLoggable(severe(new UncheckedIOException(new ClientAbortException(
                    new IOException("Broken pipe"))))), "Tomcat's client abort");
            assertFalse(f.isLoggable(severe(new IOException("Connection reset by peer"))));
            assertTrue(f.isLoggable(severe(new IOException("disk full"))), "a real I/O error stays SEVERE");
            assertTrue(f.isLoggable(severe(new IllegalStateException("bug"))));
            assertTrue(f.isLoggable(new LogRecord(Level.INFO, "no exception")));
            assertSame(f, Logger.getLogger(ClientAbortLogFilter.JERSEY_RESPONDER).getFilter());
        } finally {
            f.remove();
        }
        assertNull(Logger.getLogger(ClientAbortLogFilter.JERSEY_RESPONDER).getFilter(), "removed at undeploy");
    }

    @Test
    void anotherFilterIsLeftAloneAndNeverChained() {
        Logger jersey = Logger.getLogger(ClientAbortLogFilter.JERSEY_RESPONDER);
        java.util.logging.Filter theirs = r -> true; // a site's own, or another WAR's on a shared logger
        jersey.setFilter(theirs);
        try {
            ClientAbortLogFilter mine = ClientAbortLogFilter.install();
            assertSame(theirs, jersey.getFilter());
            mine.remove();
            assertSame(theirs, jersey.getFilter());
        } finally {
            jersey.setFilter(null);
        }
    }
}
