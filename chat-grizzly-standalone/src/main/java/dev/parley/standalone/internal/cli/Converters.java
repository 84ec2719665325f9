package dev.parley.standalone.internal.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the command line's values; each failure names the value and what was expected,
 * which picocli prefixes with the option's name.
 */
final class Converters {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Converters() {
    }

    /**
     * Bytes: a plain number, or with a unit: {@code B}, {@code K}/{@code KB}/{@code KiB},
     * {@code M}/{@code MB}/{@code MiB}, {@code G}/{@code GB}/{@code GiB}, {@code T}/{@code TB}/{@code TiB}.
     * Units are powers of 1024 (as in Spring's {@code DataSize} and the JVM's {@code -Xmx}), case-insensitive.
     */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size (examples: 10MB, 512KiB, 1048576)");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            long number = Long.parseLong(m.group(1));
            if (number == 0) {
                throw new TypeConversionException("'" + text + "' is not a positive size");
            }
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new TypeConversionException("'" + text + "' is too large");
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
    }

    /** A duration: {@code 24h}, {@code 30m}, {@code 45s}, {@code 7d}, {@code 500ms}, or ISO-8601 such as {@code PT1H}. */
    static Duration duration(String text) {
        String trimmed = text.trim();
        Duration value;
        Matcher m = SHORT_DURATION.matcher(trimmed);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                value = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                value = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a duration (examples: 24h, 30m, 90s, 7d, PT1H)");
        }
        if (value.isNegative() || value.isZero()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration");
        }
        return value;
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
