package dev.parley.core.internal;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.Scheduler;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-polling feed: a request with nothing to return waits as a future (no thread held) until a
 * message arrives in one of its rooms or its wait runs out. A request for some kinds of entry only
 * reads past the others, up to {@value #SCAN_PAGES} store pages a look, and its cursor moves with
 * what it read, so that the next request starts there.
 */
final class EventFeed {
    static final int PAGE = 200;
    /** Store pages one look reads at most while it finds no entry of the kinds asked for. */
    static final int SCAN_PAGES = 10;
    private static final Duration RECHECK = Duration.ofMillis(100);

    /**
     * A held request; {@code rooms} grows when its user joins a room meanwhile. Not a record: it lives
     * in a hash set, so its identity must not change with its rooms.
     */
    private static final class Waiter {
        private final String userKey;
        private final Set<String> rooms;
        private final Set<MessageKind> kinds;
        /** Where the next look starts: past the entries of other kinds already read. */
        private final AtomicLong after;
        private final CompletableFuture<EventsPage> future = new CompletableFuture<>();
        /** Completes the request empty once its wait runs out; called off when it is answered before. */
        private volatile Scheduler.Cancellable timeout;

        Waiter(String userKey, Set<String> rooms, long after, Set<MessageKind> kinds) {
            this.userKey = userKey;
            this.rooms = rooms;
            this.after = new AtomicLong(after);
            this.kinds = kinds;
        }

        String userKey() {
            return userKey;
        }

        Set<String> rooms() {
            return rooms;
        }

        long after() {
            return after.get();
        }

        /** A look read up to {@code cursor}: the next one starts there (looks may overlap; the furthest wins). */
        void readUpTo(long cursor) {
            after.accumulateAndGet(cursor, Math::max);
        }

        Set<MessageKind> kinds() {
            return kinds;
        }

        CompletableFuture<EventsPage> future() {
            return future;
        }
    }

    private final MessageStore store;
    private final InFlight inFlight;
    private final Executor executor;
    private final Timers timers;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    /** Set at shutdown: a request from then on is answered at once, as the held ones were. */
    private volatile boolean released;

    EventFeed(MessageStore store, InFlight inFlight, Executor executor, Timers timers) {
        this.store = store;
        this.inFlight = inFlight;
        this.executor = executor;
        this.timers = timers;
    }

    CompletableFuture<EventsPage> poll(String userKey, Set<String> rooms, long after, Duration wait,
                                       Set<MessageKind> kinds) {
        Found found = query(rooms, after, kinds);
        if (!found.visible().isEmpty() || wait.isZero()) {
            return CompletableFuture.completedFuture(found.page());
        }
        Set<String> followed = ConcurrentHashMap.newKeySet();
        followed.addAll(rooms);
        Waiter w = new Waiter(userKey, followed, found.cursor(), Set.copyOf(kinds));
        waiters.add(w);
        if (released) {
            // Shutting down: no timeout would be scheduled, and nothing will wake it.
            waiters.remove(w);
            return CompletableFuture.completedFuture(new EventsPage(List.of(), w.after()));
        }
        w.timeout = timers.after(wait, () -> {
            if (waiters.remove(w)) {
                w.future().complete(lastLook(w));
            }
        });
        // A message may have arrived between the query and the registration.
        executor.execute(() -> check(w));
        return w.future();
    }

    /** A message was stored in {@code room}: wake the waiters that follow it. */
    void wake(String room) {
        for (Waiter w : waiters) {
            if (w.rooms().contains(room)) {
                executor.execute(() -> check(w));
            }
        }
    }

    /** Messages may have been stored unseen (the bus was down): every waiter looks again. */
    void wakeAll() {
        for (Waiter w : waiters) {
            executor.execute(() -> check(w));
        }
    }

    /**
     * A user became a member of a room (a new direct conversation, a join): their held requests follow
     * it from now on, so its first message wakes them.
     */
    void memberAdded(String room, String userKey) {
        for (Waiter w : waiters) {
            if (w.userKey().equals(userKey) && w.rooms().add(room)) {
                executor.execute(() -> check(w));
            }
        }
    }

    /** A user left a room: their held requests stop following it, so they read nothing written after. */
    void memberRemoved(String room, String userKey) {
        for (Waiter w : waiters) {
            if (w.userKey().equals(userKey)) {
                w.rooms().remove(room);
            }
        }
    }

    /** Completes every waiter with what it has, and every request from now on (shutdown). */
    void releaseAll() {
        released = true;
        for (Waiter w : waiters) {
            if (waiters.remove(w)) {
                w.future().complete(new EventsPage(List.of(), w.after()));
            }
        }
    }

    private void check(Waiter w) {
        if (w.future().isDone()) {
            return;
        }
        try {
            Found found = query(w.rooms(), w.after(), w.kinds());
            if (!found.visible().isEmpty()) {
                if (waiters.remove(w)) {
                    cancelTimeout(w);
                    w.future().complete(found.page());
                }
                return;
            }
            w.readUpTo(found.cursor());
            if (found.heldBack()) {
                // Another node's message too young to show yet: look again once it has settled.
                timers.after(RECHECK, () -> check(w));
            }
        } catch (RuntimeException e) {
            if (waiters.remove(w)) {
                cancelTimeout(w);
                w.future().completeExceptionally(e);
            }
        }
    }

    /**
     * What a request whose wait ran out answers: a last look, so that its cursor is past every entry
     * of other kinds stored meanwhile, even one whose wake-up check has not run yet.
     */
    private EventsPage lastLook(Waiter w) {
        try {
            return query(w.rooms(), w.after(), w.kinds()).page();
        } catch (RuntimeException e) {
            return new EventsPage(List.of(), w.after());
        }
    }

    private static void cancelTimeout(Waiter w) {
        Scheduler.Cancellable t = w.timeout;
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * What a query may return (the entries of the kinds asked for), the id of the last entry it
     * read whatever its kind (the request's own cursor when it read none), and whether it held back
     * messages past the horizon.
     */
    private record Found(List<Message> visible, long cursor, boolean heldBack) {
        EventsPage page() {
            return new EventsPage(visible, cursor);
        }
    }

    private Found query(Set<String> rooms, long after, Set<MessageKind> kinds) {
        InFlight.Horizon horizon = inFlight.horizon();
        List<Message> visible = new ArrayList<>();
        long cursor = after;
        for (int pages = 0; pages < SCAN_PAGES && visible.isEmpty(); pages++) {
            List<Message> found = store.afterId(rooms, cursor, PAGE);
            for (Message m : found) {
                if (!horizon.visible(m.id())) {
                    return new Found(visible, cursor, true);
                }
                cursor = m.id();
                if (kinds.contains(m.kind())) {
                    visible.add(m);
                }
            }
            if (found.size() < PAGE) {
                break;
            }
        }
        return new Found(visible, cursor, false);
    }
}
