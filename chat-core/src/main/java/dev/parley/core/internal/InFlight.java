package dev.parley.core.internal;

import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Message ids handed out but not yet known to be stored. The events feed returns only messages below
 * {@link #horizon()}, so a poller whose cursor passed id N can never later miss a message with a
 * smaller id that was still being written on this node.
 */
final class InFlight {
    private final LongSupplier ids;
    private final TreeSet<Long> pending = new TreeSet<>();
    private long last;

    InFlight(LongSupplier ids) {
        this.ids = ids;
    }

    synchronized long take() {
        long id = ids.getAsLong();
        pending.add(id);
        last = id;
        return id;
    }

    synchronized void done(long id) {
        pending.remove(id);
    }

    /** Every message with an id below this is either stored or will never be. */
    synchronized long horizon() {
        return pending.isEmpty() ? last + 1 : pending.first();
    }
}
