package dev.parley.jakarta.jpa.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The message ids this process has drawn but whose transactions have not finished, so that a
 * reader of the feed by id never sees a message while an older one is still being committed.
 *
 * <p>Transactions of different rooms commit in any order: with ids 10 and 11 drawn, 11 may commit
 * first, and a reader that took 11 would move its cursor past 10 for good. A {@link Read} begun
 * before the query gives, after it, the highest id that is safe to hand out: below every id that
 * was in flight when the read began, and below every id drawn while it ran. Any id a query cannot
 * see yet is one of those two kinds, because a transaction is in flight from its draw until after
 * its commit returned, and a committed row is visible to every query that starts after that.
 *
 * <p>Nothing here assumes the ids come from one increasing generator: {@code append} takes its
 * id source per call, and a store may outlive the engine (and generator) that used it first, so
 * an id drawn later may be lower than one drawn earlier. (A bound of "the highest id drawn before
 * the read began" would then let through a newer row while a lower id is still being committed.)
 * Across processes, ids come from different generators and no order between them is promised.
 * Thread-safe; every method holds the monitor only briefly.
 */
final class InFlightIds {

    /** The ids in flight, with how many transactions hold each (two id sources may repeat one). */
    private final TreeMap<Long, Integer> inFlight = new TreeMap<>();
    private final Set<Read> reads = new HashSet<>();

    /** Draws an id and records it as in flight until {@link #finished}. */
    synchronized long draw(LongSupplier ids) {
        long id = ids.getAsLong();
        inFlight.merge(id, 1, Integer::sum);
        for (Read read : reads) {
            read.lowestDrawnSince = Math.min(read.lowestDrawnSince, id);
        }
        return id;
    }

    /** The transaction that drew {@code id} committed or rolled back. */
    synchronized void finished(long id) {
        inFlight.computeIfPresent(id, (k, holders) -> holders == 1 ? null : holders - 1);
    }

    /** Begins a read; begin it before the query starts and close it when done with the rows. */
    synchronized Read beginRead() {
        Read read = new Read(inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.firstKey() - 1);
        reads.add(read);
        return read;
    }

    /** One read of the feed; identity matters, so this is not a record. */
    final class Read implements AutoCloseable {

        private final long belowInFlight;
        /** Guarded by the enclosing monitor. */
        private long lowestDrawnSince = Long.MAX_VALUE;

        private Read(long belowInFlight) {
            this.belowInFlight = belowInFlight;
        }

        /** The highest id this read may return, given every id drawn since it began. */
        long visibleUpTo() {
            synchronized (InFlightIds.this) {
                return lowestDrawnSince == Long.MAX_VALUE
                        ? belowInFlight
                        : Math.min(belowInFlight, lowestDrawnSince - 1);
            }
        }

        @Override
        public void close() {
            synchronized (InFlightIds.this) {
                reads.remove(this);
            }
        }
    }
}
