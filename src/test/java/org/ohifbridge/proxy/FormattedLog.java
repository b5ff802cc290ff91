package org.ohifbridge.proxy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line as a log file would show it: the message with its parameters filled in and the stack trace of its
 * exception, every cause's message included. (testing.CapturedLog keeps a record's raw message, the {@code {0}} of
 * {@code web.OrthancExceptionMapper} rather than what it stands for, so it cannot tell what reaches a log file.)
 * ohif-bridge's own loggers are captured at every level, FINE included; the libraries' at INFO and above, as they log
 * by default.
 */
final class FormattedLog extends Handler implements AutoCloseable {
    private static final String OURS = "org.ohifbridge";
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Level before;

    private FormattedLog() {
        before = Logger.getLogger(OURS).getLevel();
        Logger.getLogger(OURS).setLevel(Level.ALL);
        setLevel(Level.ALL);
        Logger.getLogger("").addHandler(this);
    }

    static FormattedLog capture() {
        return new FormattedLog();
    }

    String text() {
        return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (!logger.startsWith(OURS) && record.getLevel().intValue() < Level.INFO.intValue()) {
            return;
        }
        StringBuilder line = new StringBuilder(record.getLevel() + " " + logger + ": " + formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        Logger.getLogger(OURS).setLevel(before);
    }
}
