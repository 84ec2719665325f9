package dev.parley.core.internal;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.Scheduler;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The long-polling feed: a request with nothing to return waits as a future (no thread held) until a
 * message arrives in one of its rooms or its wait runs out.
 */
final class EventFeed {
    static final int PAGE = 200;
    private static final Duration RECHECK = Duration.ofMillis(100);

    /**
     * A held request; {@code rooms} grows when its user joins a room meanwhile. Not a record: it lives
     * in a hash set, so its identity must not change with its rooms.
     */
    private static final class Waiter {
        private final String userKey;
        private final Set<String> rooms;
        private final long after;
        private final CompletableFuture<EventsPage> future = new CompletableFuture<>();
        /** Completes the request empty once its wait runs out; called off when it is answered before. */
        private volatile Scheduler.Cancellable timeout;

        Waiter(String userKey, Set<String> rooms, long after) {
            this.userKey = userKey;
            this.rooms = rooms;
            this.after = after;
        }

        String userKey() {
            return userKey;
        }

        Set<String> rooms() {
            return rooms;
        }

        long after() {
            return after;
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

    CompletableFuture<EventsPage> poll(String userKey, Set<String> rooms, long after, Duration wait) {
        List<Message> found = query(rooms, after).visible();
        if (!found.isEmpty() || wait.isZero()) {
            return CompletableFuture.completedFuture(page(found, after));
        }
        Set<String> followed = ConcurrentHashMap.newKeySet();
        followed.addAll(rooms);
        Waiter w = new Waiter(userKey, followed, after);
        waiters.add(w);
        if (released) {
            // Shutting down: no timeout would be scheduled, and nothing will wake it.
            waiters.remove(w);
            return CompletableFuture.completedFuture(page(List.of(), after));
        }
        w.timeout = timers.after(wait, () -> {
            if (waiters.remove(w)) {
                w.future().complete(new EventsPage(List.of(), after));
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
            Found found = query(w.rooms(), w.after());
            if (!found.visible().isEmpty()) {
                if (waiters.remove(w)) {
                    cancelTimeout(w);
                    w.future().complete(page(found.visible(), w.after()));
                }
            } else if (found.heldBack()) {
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

    private static void cancelTimeout(Waiter w) {
        Scheduler.Cancellable t = w.timeout;
        if (t != null) {
            t.cancel();
        }
    }

    /** What a query may return, and whether it held back messages past the horizon. */
    private record Found(List<Message> visible, boolean heldBack) {
    }

    private Found query(Set<String> rooms, long after) {
        InFlight.Horizon horizon = inFlight.horizon();
        List<Message> found = store.afterId(rooms, after, PAGE);
        List<Message> visible = new ArrayList<>(found.size());
        for (Message m : found) {
            if (!horizon.visible(m.id())) {
                return new Found(visible, true);
            }
            visible.add(m);
        }
        return new Found(visible, false);
    }

    private static EventsPage page(List<Message> events, long after) {
        return new EventsPage(events, events.isEmpty() ? after : events.get(events.size() - 1).id());
    }
}
