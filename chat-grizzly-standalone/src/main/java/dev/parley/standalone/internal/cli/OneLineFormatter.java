package dev.parley.standalone.internal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code 2026-01-31 12:00:00.123 WARNING dev.parley.x.Class: message}: one line per record. A
 * thrown exception is appended as {@code : exception text} on the same line; only SEVERE records
 * (failures nobody expected) carry the full stack trace.
 */
public final class OneLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(record.getInstant())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(formatMessage(record).replace('\n', ' '));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            } else {
                line.append(": ").append(String.valueOf(thrown).replace('\n', ' '));
            }
        }
        return line.append(System.lineSeparator()).toString();
    }
}
