package dev.parley.core.internal;

import java.util.TreeSet;

/**
 * Message ids handed out but not yet known to be stored. The events feed returns only messages below
 * the {@link #horizon()}, so a poller whose cursor passed id N can never later miss a message with a
 * smaller id that was still being written. This node's own ids in flight are known exactly; other
 * nodes' are not, so their messages show once their id is {@link #REMOTE_SETTLE_MILLIS} old by this
 * node's clock, long enough for a write that took a smaller id elsewhere to have become visible.
 */
final class InFlight {
    static final long REMOTE_SETTLE_MILLIS = 500;

    /** What the events feed may show at one moment. */
    record Horizon(int node, long local, long remote) {
        boolean visible(long id) {
            return IdGenerator.node(id) == node ? id < local : id < remote;
        }
    }

    private final IdGenerator ids;
    private final TreeSet<Long> pending = new TreeSet<>();
    private long last;

    InFlight(IdGenerator ids) {
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

    /**
     * Every message of this node with an id below {@code local} is either stored or will never be (an
     * id taken from now on is at least the current millisecond's first); other nodes' below {@code remote}
     * are taken to be.
     */
    synchronized Horizon horizon() {
        long local = pending.isEmpty() ? Math.max(last + 1, ids.floor(0)) : pending.first();
        return new Horizon(ids.node(), local, ids.floor(REMOTE_SETTLE_MILLIS));
    }
}
