package dev.parley.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Message ids: unique across a cluster of up to 32 nodes, increasing with time, and below 2^53 so
 * that JavaScript clients read them exactly. Layout: 40 bits of milliseconds since 2024 and 8 bits of
 * sequence within the millisecond (together "ticks", which only ever increase), then 5 bits of node.
 * A burst of more than 256 ids in a millisecond borrows ticks from the following milliseconds.
 */
final class IdGenerator implements LongSupplier {
    private static final long EPOCH = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private final Clock clock;
    private final int node;
    private long lastTicks;

    IdGenerator(Clock clock, int node) {
        this.clock = clock;
        this.node = node;
    }

    /** The node part of an id. */
    static int node(long id) {
        return (int) (id & 31);
    }

    int node() {
        return node;
    }

    /** The first id of the millisecond {@code millisAgo} before now: every id taken from now on is at least {@code floor(0)}. */
    long floor(long millisAgo) {
        return (Math.max(0, clock.millis() - millisAgo - EPOCH) << 8) << 5;
    }

    @Override
    public synchronized long getAsLong() {
        long ticks = Math.max(lastTicks + 1, (clock.millis() - EPOCH) << 8);
        lastTicks = ticks;
        return (ticks << 5) | node;
    }
}
