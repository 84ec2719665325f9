package dev.parley.jakarta.jpa.internal;

import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The message ids this process has drawn but whose transactions have not finished, so that a
 * reader of the feed by id never sees a message while an older one is still being committed.
 *
 * <p>Transactions of different rooms commit in any order: with ids 10 and 11 drawn, 11 may commit
 * first, and a reader that took 11 would move its cursor past 10 for good. {@link #mark()} before
 * the query and {@link #visibleUpTo} after it give the highest id that is safe to hand out: below
 * every id still in flight, and, if ids were drawn while the query ran, no newer than the ids
 * drawn before it started.
 *
 * <p>This holds for the appends of this process (ids come from one increasing generator); across
 * processes, ids come from different generators and no order between them is promised.
 * Thread-safe; every method holds the monitor only briefly.
 */
final class InFlightIds {

    /** What was known when a read started. */
    record Mark(long draws, long bound, long highest) {
    }

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long draws;
    private long highest = Long.MIN_VALUE;

    /** Draws an id and records it as in flight until {@link #finished}. */
    synchronized long draw(LongSupplier ids) {
        long id = ids.getAsLong();
        inFlight.add(id);
        draws++;
        highest = Math.max(highest, id);
        return id;
    }

    /** The transaction that drew {@code id} committed or rolled back. */
    synchronized void finished(long id) {
        inFlight.remove(id);
    }

    /** Taken before a read. */
    synchronized Mark mark() {
        return new Mark(draws, inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.first() - 1, highest);
    }

    /** The highest id the read that took {@code mark} may return. */
    synchronized long visibleUpTo(Mark mark) {
        return draws == mark.draws() ? mark.bound() : Math.min(mark.bound(), mark.highest());
    }
}
