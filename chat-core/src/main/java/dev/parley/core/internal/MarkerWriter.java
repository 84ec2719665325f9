package dev.parley.core.internal;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.ReadMarker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The one writer of read markers on this node. Each offered marker lands in its user's slot for
 * the room, where the highest seq wins; one task at a time takes every slot filled meanwhile and
 * hands them to the {@link ReadMarkerStore} in one call, so a burst of reads from one client (a
 * scroll) costs one store write, and a marker write never waits on anything an append holds.
 *
 * <p>Ownership: the slots belong to this class; a slot is filled under its map entry's lock
 * ({@code compute}) and taken out whole ({@code remove}), so an offer either joins a slot before it
 * is taken or starts a new one, which the running task or the next one writes. Thread-safe.
 */
final class MarkerWriter {
    private static final System.Logger LOG = System.getLogger(MarkerWriter.class.getName());

    private final ReadMarkerStore store;
    private final Executor executor;
    private final BiConsumer<ReadMarker, Optional<String>> moved;
    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param moved told of each marker the store moved, with the session that sent it (if a session did),
     *              on the writer's thread, after the write
     */
    MarkerWriter(ReadMarkerStore store, Executor executor, BiConsumer<ReadMarker, Optional<String>> moved) {
        this.store = store;
        this.executor = executor;
        this.moved = moved;
    }

    /**
     * Queues a marker.
     *
     * @param session the id of the session that sent it, for its echo to skip; empty over HTTP
     * @return completes once a marker at least this far is stored (or the write failed)
     */
    CompletableFuture<Void> offer(ReadMarker marker, Optional<String> session) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        slots.compute(new Key(marker.room(), InputRules.key(marker.username())), (k, slot) -> {
            Slot s = slot != null ? slot : new Slot(marker);
            if (marker.lastReadSeq() >= s.marker.lastReadSeq()) {
                s.marker = marker;
                s.session = session;
            }
            s.waiters.add(done);
            return s;
        });
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                running.set(false);
                done.completeExceptionally(dev.parley.protocol.ChatException.unavailable("shutting down", e));
            }
        }
        return done;
    }

    /** The highest marker queued and not yet written for a user in a room, if any. */
    OptionalLong pending(String room, String username) {
        Slot s = slots.get(new Key(room, InputRules.key(username)));
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.marker.lastReadSeq());
    }

    private void drain() {
        while (true) {
            List<Slot> batch = new ArrayList<>();
            for (Key k : slots.keySet()) {
                Slot s = slots.remove(k);
                if (s != null) {
                    batch.add(s);
                }
            }
            if (batch.isEmpty()) {
                running.set(false);
                // An offer that found the flag still set, just before it was cleared, is written now.
                if (slots.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            write(batch);
        }
    }

    private void write(List<Slot> batch) {
        List<ReadMarker> markers = new ArrayList<>(batch.size());
        batch.forEach(s -> markers.add(s.marker));
        List<ReadMarker> stored;
        try {
            stored = store.advance(markers);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "writing " + markers.size() + " read markers failed", e);
            batch.forEach(s -> s.waiters.forEach(w -> w.completeExceptionally(e)));
            return;
        }
        batch.forEach(s -> s.waiters.forEach(w -> w.complete(null)));
        Map<Key, Slot> byKey = new java.util.HashMap<>();
        batch.forEach(s -> byKey.put(new Key(s.marker.room(), InputRules.key(s.marker.username())), s));
        for (ReadMarker m : stored) {
            Slot s = byKey.get(new Key(m.room(), InputRules.key(m.username())));
            try {
                moved.accept(m, s == null ? Optional.empty() : s.session);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "announcing a read marker failed", e);
            }
        }
    }

    private record Key(String room, String userKey) {
    }

    /** The latest marker of one user in one room, and who waits for it; guarded by its map entry. */
    private static final class Slot {
        ReadMarker marker;
        Optional<String> session = Optional.empty();
        final List<CompletableFuture<Void>> waiters = new ArrayList<>(1);

        Slot(ReadMarker marker) {
            this.marker = marker;
        }
    }
}
