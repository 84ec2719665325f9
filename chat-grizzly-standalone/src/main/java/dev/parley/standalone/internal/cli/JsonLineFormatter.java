package dev.parley.standalone.internal.cli;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code --log-format json}: one JSON object per record and line, written with JSON-P, so that a log
 * shipper (Fluent Bit, Vector, Loki's promtail, ...) reads fields instead of parsing text:
 * <pre>{"time":"2026-01-31T12:00:00.123Z","level":"INFO","logger":"dev.parley.standalone.StandaloneServer",
 * "thread":"main","message":"Parley 1.0 started at ..."}</pre>
 * A thrown exception adds {@code "error"} (its one-line text) and, for SEVERE records only,
 * {@code "stackTrace"}. Newlines inside values are escaped by JSON, so a record stays on one line.
 */
public final class JsonLineFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("time", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()))
                .add("level", record.getLevel().getName())
                .add("logger", record.getLoggerName() == null ? "" : record.getLoggerName())
                .add("thread", threadName(record))
                .add("message", formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.add("error", String.valueOf(thrown));
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.add("stackTrace", trace.toString().stripTrailing());
            }
        }
        return line.build().toString() + System.lineSeparator();
    }

    private static String threadName(LogRecord record) {
        long id = record.getLongThreadID();
        Thread current = Thread.currentThread();
        // Records are formatted on the thread that logged them (ConsoleHandler publishes synchronously).
        return current.getId() == id ? current.getName() : "thread-" + id;
    }
}
