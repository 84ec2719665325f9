package dev.parley.standalone.internal.cli;

import java.util.logging.Formatter;

/** {@code --log-format}: how each log record is written on stderr. */
enum LogFormat {
    /** {@link OneLineFormatter}: {@code 2026-01-31 12:00:00.123 INFO logger: message}. */
    TEXT,
    /** {@link JsonLineFormatter}: one JSON object per line, for log shippers. */
    JSON;

    Formatter formatter() {
        return this == JSON ? new JsonLineFormatter() : new OneLineFormatter();
    }
}
