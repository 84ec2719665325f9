package dev.parley.protocol;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of sizes and durations in configuration, shared by the standalone's command
 * line and the Jakarta adapter's settings. Failures throw {@link IllegalArgumentException} naming
 * the value and what was expected; callers prefix the name of the setting.
 */
public final class Quantities {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private Quantities() {
    }

    /**
     * A positive number of bytes: a plain number, or with a unit {@code B}, {@code K}/{@code KB}/{@code KiB},
     * {@code M}/{@code MB}/{@code MiB}, {@code G}/{@code GB}/{@code GiB}, {@code T}/{@code TB}/{@code TiB}.
     * Units are powers of 1024 (as in Spring's {@code DataSize} and the JVM's {@code -Xmx}), case-insensitive.
     */
    public static long size(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 10MB, 512KiB, 1048576)");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (number == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive size");
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return number << shift;
    }

    /**
     * A positive duration: a number with a unit ({@code 500ms}, {@code 45s}, {@code 30m},
     * {@code 24h}, {@code 7d}) or ISO-8601 such as {@code PT1H}. A bare number is refused: on a
     * command line {@code 24} is as likely to mean hours as seconds.
     */
    public static Duration duration(String text) {
        return duration(text, false);
    }

    /**
     * A positive duration as {@link #duration}, or a bare number of seconds (the form settings
     * files have always taken, e.g. {@code parley.tokenTtl=3600}).
     */
    public static Duration durationOrSeconds(String text) {
        return duration(text, true);
    }

    private static Duration duration(String text, boolean bareSeconds) {
        String trimmed = text == null ? "" : text.trim();
        Duration value;
        Matcher m = SHORT_DURATION.matcher(trimmed);
        try {
            if (m.matches() && (m.group(2) != null || bareSeconds)) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
                value = switch (unit) {
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
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: "
                    + (bareSeconds ? "3600, " : "") + "24h, 30m, 90s, 7d, PT1H)");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return value;
    }
}
