package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.PageRequest;

import java.util.OptionalLong;

/**
 * Query parameters are taken as text and parsed here, so that {@code limit=abc} is a
 * BAD_REQUEST with a message naming the parameter instead of the runtime's bare 404.
 */
final class QueryParams {
    private QueryParams() {
    }

    /** A history page request from {@code before}, {@code after} and {@code limit} (default 50, 1..200). */
    static PageRequest page(String before, String after, String limit) {
        int size = limit == null ? PageRequest.DEFAULT_LIMIT : (int) bounded("limit", limit, 1, PageRequest.MAX_LIMIT);
        return new PageRequest(optionalSeq("before", before), optionalSeq("after", after), size);
    }

    /** A comma-separated list of entry kinds ({@code kind=MODERATION,ROOM_UPDATED}), each named as on the wire. */
    static java.util.Set<dev.parley.protocol.MessageKind> kinds(String value) {
        java.util.Set<dev.parley.protocol.MessageKind> kinds = java.util.EnumSet.noneOf(dev.parley.protocol.MessageKind.class);
        for (String part : value.split(",", -1)) {
            String name = part.trim();
            try {
                kinds.add(dev.parley.protocol.MessageKind.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ChatException.badRequest("kind must list entry kinds such as MODERATION,ROOM_UPDATED, got '"
                        + clip(name) + "'");
            }
        }
        return kinds;
    }

    /** A whole number {@code >= 0}, or empty when the parameter is absent. */
    static OptionalLong optionalSeq(String name, String value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(bounded(name, value, 0, Long.MAX_VALUE));
    }

    /** A whole number within {@code [min, max]}. */
    static long bounded(String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ChatException.badRequest(name + " must be a whole number, got '" + clip(value) + "'");
        }
        if (parsed < min || parsed > max) {
            String range = max == Long.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
            throw ChatException.badRequest(name + " must be " + range + ", got " + parsed);
        }
        return parsed;
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
