package dev.parley.protocol;

import java.util.OptionalLong;

/**
 * Which page of history to read. With neither cursor: the latest {@code limit} messages. With
 * {@code after}: the oldest {@code limit} messages whose seq is greater. With {@code before}: the
 * newest {@code limit} messages whose seq is smaller. With both: the oldest {@code limit} messages
 * strictly between them.
 *
 * @param before exclusive upper bound on seq
 * @param after  exclusive lower bound on seq
 * @param limit  page size, 1..{@link #MAX_LIMIT}
 */
public record PageRequest(OptionalLong before, OptionalLong after, int limit) {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ChatException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (before.isPresent() && before.getAsLong() < 0) {
            throw ChatException.badRequest("before must be >= 0, got " + before.getAsLong());
        }
        if (after.isPresent() && after.getAsLong() < 0) {
            throw ChatException.badRequest("after must be >= 0, got " + after.getAsLong());
        }
    }

    /** The latest {@code limit} messages. */
    public static PageRequest latest(int limit) {
        return new PageRequest(OptionalLong.empty(), OptionalLong.empty(), limit);
    }

    /** The oldest {@code limit} messages with seq greater than {@code seq}. */
    public static PageRequest after(long seq, int limit) {
        return new PageRequest(OptionalLong.empty(), OptionalLong.of(seq), limit);
    }

    /** The newest {@code limit} messages with seq smaller than {@code seq}. */
    public static PageRequest before(long seq, int limit) {
        return new PageRequest(OptionalLong.of(seq), OptionalLong.empty(), limit);
    }
}
