package dev.parley.core.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Recent "yes, a member" answers of the room store, so that a user sending message after message
 * to a room is not looked up in the database for each one. Only positive answers are kept, each
 * for {@link #TTL_NANOS} at most; a removal made here or reported by the bus drops the answer at
 * once, and a bus reconnect (which may have lost removals) drops them all. So a user who left is
 * refused at once on the node where they left, at once on the others in the usual case, and after
 * two seconds at the latest when a removal on another node was lost with the bus.
 *
 * <p>A lookup racing a removal never keeps a stale answer: every removal advances a generation,
 * and an answer read before the advance is dropped again once it is seen to be outdated.
 * Thread-safe.
 */
final class KnownMembers {
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Bounds the memory: past this, everything is forgotten and relearnt. */
    private static final int MAX_ENTRIES = 100_000;

    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final LongSupplier nanoTime;

    KnownMembers(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Whether {@code userKey} is a member of {@code room}: a kept answer while it is fresh, else
     * {@code lookUp}, whose "yes" is kept.
     */
    boolean isMember(String room, String userKey, BooleanSupplier lookUp) {
        String key = key(room, userKey);
        Long expiry = until.get(key);
        long now = nanoTime.getAsLong();
        if (expiry != null && now - expiry < 0) {
            return true;
        }
        long seen = generation.get();
        boolean member = lookUp.getAsBoolean();
        if (member) {
            if (until.size() >= MAX_ENTRIES) {
                until.clear();
            }
            until.put(key, now + TTL_NANOS);
            if (generation.get() != seen) {
                // A removal happened while the store was read: the answer may predate it.
                until.remove(key);
            }
        } else if (expiry != null) {
            until.remove(key, expiry);
        }
        return member;
    }

    /** A member was removed (here or, through the bus, elsewhere). */
    void removed(String room, String userKey) {
        generation.incrementAndGet();
        until.remove(key(room, userKey));
    }

    /** Removals may have been missed (the bus was down): forget every answer. */
    void forgetAll() {
        generation.incrementAndGet();
        until.clear();
    }

    private static String key(String room, String userKey) {
        return room + '\u0000' + userKey;
    }
}
