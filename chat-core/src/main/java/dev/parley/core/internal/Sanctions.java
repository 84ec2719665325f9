package dev.parley.core.internal;

import dev.parley.core.spi.Sanction;
import dev.parley.core.spi.SanctionStore;
import dev.parley.protocol.InputRules;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bans and mutes in force, read from the {@link SanctionStore} and judged against the engine's
 * clock, so that a sanction with an {@code until} lapses by itself. Bans are read from the store at
 * each use (a join, an addition: rare, and a ban made on another node must refuse at once). Mutes
 * are checked on every send, so a room's mutes are kept for {@link #TTL_NANOS} at most, dropped at
 * once by every MODERATION entry that changes them (on every node, as the entry is applied) and all
 * of them by a bus reconnect. Thread-safe.
 */
final class Sanctions {
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_ROOMS = 10_000;

    private record Kept(long expiresAt, Map<String, Sanction> byUserKey) {
    }

    private final SanctionStore store;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Kept> mutes = new ConcurrentHashMap<>();
    /** Advanced by every forget: a load that read the store before a forget is not kept after it. */
    private final AtomicLong generation = new AtomicLong();

    Sanctions(SanctionStore store, Clock clock, LongSupplier nanoTime) {
        this.store = store;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    SanctionStore store() {
        return store;
    }

    /** The user's ban from the room, if one is in force now. */
    Optional<Sanction> ban(String roomId, String username) {
        return store.find(Sanction.Kind.BAN, roomId, username).filter(s -> s.inForce(clock.instant()));
    }

    /** The room's bans in force now, ordered by username. */
    List<Sanction> bans(String roomId) {
        return store.list(Sanction.Kind.BAN, roomId).stream().filter(s -> s.inForce(clock.instant())).toList();
    }

    /** The user's mute in the room, if one is in force now. */
    Optional<Sanction> mute(String roomId, String username) {
        long now = nanoTime.getAsLong();
        Kept kept = mutes.get(roomId);
        if (kept == null || kept.expiresAt() - now <= 0) {
            long seen = generation.get();
            Map<String, Sanction> byKey = new HashMap<>();
            for (Sanction s : store.list(Sanction.Kind.MUTE, roomId)) {
                byKey.put(InputRules.key(s.username()), s);
            }
            kept = new Kept(now + TTL_NANOS, byKey);
            if (mutes.size() >= MAX_ROOMS) {
                mutes.clear();
            }
            if (generation.get() == seen) {
                mutes.put(roomId, kept);
            }
        }
        return Optional.ofNullable(kept.byUserKey().get(InputRules.key(username))).filter(s -> s.inForce(clock.instant()));
    }

    /** The room's mutes changed: read them again. */
    void forget(String roomId) {
        generation.incrementAndGet();
        mutes.remove(roomId);
    }

    /** The bus may have lost changes: read every room's mutes again. */
    void forgetAll() {
        generation.incrementAndGet();
        mutes.clear();
    }
}
