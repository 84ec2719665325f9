package dev.parley.standalone.internal.cli;

import dev.parley.jakarta.jpa.SchemaMode;
import dev.parley.protocol.Quantities;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * Parsers for the command line's values; each failure names the value and what was expected,
 * which picocli prefixes with the option's name.
 */
final class Converters {

    private Converters() {
    }

    /** Bytes, in {@link Quantities#size}'s grammar (10MB, 512KiB, 1048576). */
    static long size(String text) {
        try {
            return Quantities.size(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A duration, in {@link Quantities#duration}'s grammar (24h, 30m, 45s, 7d, 500ms, PT1H). */
    static Duration duration(String text) {
        try {
            return Quantities.duration(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A TCP port, 0 for any free one. */
    static int port(String text) {
        int value = integer(text);
        if (value < 0 || value > 65535) {
            throw new TypeConversionException("'" + text + "' is not a port number (0-65535; 0 picks a free one)");
        }
        return value;
    }

    /** A count of at least 1. */
    static int positive(String text) {
        int value = integer(text);
        if (value < 1) {
            throw new TypeConversionException("'" + text + "' is not a positive number");
        }
        return value;
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not an int");
        }
    }

    /** A JDBC URL. */
    static String jdbcUrl(String text) {
        if (!text.startsWith("jdbc:")) {
            throw new TypeConversionException("'" + text + "' is not a JDBC URL (example: jdbc:postgresql://127.0.0.1:5432/parley)");
        }
        return text;
    }

    /** A node id of a cluster: 0..31. */
    static int nodeId(String text) {
        int value = integer(text);
        if (value < 0 || value > 31) {
            throw new TypeConversionException("'" + text + "' is not a node id (0-31, a different one on every node)");
        }
        return value;
    }

    /** A Redis URL. */
    static String redisUrl(String text) {
        if (!text.startsWith("redis://") && !text.startsWith("rediss://")) {
            throw new TypeConversionException("'" + text.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@")
                    + "' is not a Redis URL (example: redis://127.0.0.1:6379)");
        }
        return text;
    }

    /** The name of a command: {@code start} is the only one. */
    static final class Command implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals("start")) {
                throw new TypeConversionException("unknown command '" + value + "' (the only command is 'start')");
            }
            return value;
        }
    }

    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return size(value);
        }
    }

    /** {@code migrate} or {@code validate}, in any case. */
    static final class Schema implements ITypeConverter<SchemaMode> {
        @Override
        public SchemaMode convert(String value) {
            try {
                return SchemaMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not migrate or validate");
            }
        }
    }

    static final class Ttl implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value);
        }
    }

    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return positive(value);
        }
    }

    static final class JdbcUrl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return jdbcUrl(value);
        }
    }

    static final class NodeId implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return nodeId(value);
        }
    }

    static final class RedisUrl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return redisUrl(value);
        }
    }
}
