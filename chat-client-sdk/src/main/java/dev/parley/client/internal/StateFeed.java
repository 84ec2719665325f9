package dev.parley.client.internal;

import dev.parley.client.ChatClientException;
import dev.parley.protocol.Message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The last stage before the listener: takes each room's entries in seq order from the
 * {@link RoomFeed}, keeps the {@link StateCache} up to date with them, and hands the
 * {@link Dispatcher} the messages and, for lifecycle entries and thread replies, the message they
 * changed in its new state. When an entry acts on a message the cache does not know, the message is
 * read over HTTP ({@code GET /api/rooms/{id}/messages/{msgId}}) and that room's later entries wait
 * meanwhile, so that its callbacks stay in seq order; other rooms go on. A message that cannot be
 * read (gone, or {@value #MAX_READ_FAILURES} failures in a row) is skipped: the entries that needed
 * it reach no lifecycle callback.
 *
 * <p>Guarded by the session's lock, which it takes itself when a read comes back from the
 * {@code io} executor. Reads never run under the lock.
 */
final class StateFeed {
    private static final System.Logger LOG = System.getLogger(StateFeed.class.getName());
    /** Consecutive failed reads of one message before the entries needing it go on without it. */
    static final int MAX_READ_FAILURES = 3;
    private static final Duration READ_RETRY = Duration.ofSeconds(1);
    /** Reads for one entry before giving up on it: a guard against a cache too small to hold what it needs. */
    private static final int MAX_READS_PER_ENTRY = 4;

    /** Reads one message in its current state; blocks. */
    @FunctionalInterface
    interface Reader {
        Message message(String room, long id);
    }

    private static final class Room {
        final ArrayDeque<Message> queue = new ArrayDeque<>();
        final Set<Long> unreadable = new HashSet<>();
        long lastQueued;
        boolean reading;
        int failures;
        int reads;
    }

    private final Object lock;
    private final StateCache cache;
    private final Reader reader;
    private final Dispatcher dispatcher;
    private final Executor io;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier open;
    private final Map<String, Room> rooms = new HashMap<>();

    /** @param open whether the session still runs; reads that come back after it closed are dropped */
    StateFeed(Object lock, StateCache cache, Reader reader, Dispatcher dispatcher, Executor io,
              ScheduledExecutorService timer, BooleanSupplier open) {
        this.lock = lock;
        this.cache = cache;
        this.reader = reader;
        this.dispatcher = dispatcher;
        this.io = io;
        this.timer = timer;
        this.open = open;
    }

    /** The client's own user, for the {@code me} of reactions. */
    void me(String username) {
        cache.me(username);
    }

    /** The next entry of its room, in seq order. */
    void deliver(Message m) {
        Room r = rooms.computeIfAbsent(m.room(), id -> new Room());
        r.lastQueued = Math.max(r.lastQueued, m.seq());
        r.queue.add(m);
        drain(m.room(), r);
    }

    /**
     * Messages of {@code room} the application read over HTTP: the cache takes them as current up
     * to the newest entry the client has taken from that room, or the newest in the answer.
     */
    void read(String room, List<Message> messages) {
        Room r = rooms.get(room);
        long asOf = r == null ? 0 : r.lastQueued;
        for (Message m : messages) {
            asOf = Math.max(asOf, m.seq());
        }
        for (Message m : messages) {
            cache.read(m, asOf);
        }
    }

    /** Forgets a room the application unsubscribed from; a read in flight for it is dropped. */
    void forget(String room) {
        rooms.remove(room);
        cache.forget(room);
    }

    private void drain(String room, Room r) {
        while (!r.reading && !r.queue.isEmpty()) {
            Message m = r.queue.peek();
            StateCache.Step step = cache.apply(m, r.unreadable);
            if (step instanceof StateCache.Need need) {
                if (++r.reads > MAX_READS_PER_ENTRY) {
                    r.unreadable.add(need.id());
                    continue;
                }
                r.reading = true;
                read(room, r, need.id(), Duration.ZERO);
                return;
            }
            r.queue.poll();
            r.unreadable.clear();
            r.reads = 0;
            if (!m.kind().isLifecycle()) {
                dispatcher.message(m);
            }
            ((StateCache.Done) step).updates().forEach(dispatcher::update);
        }
    }

    private void read(String room, Room r, long id, Duration delay) {
        Runnable task = () -> {
            Message got;
            try {
                got = reader.message(room, id);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    if (open.getAsBoolean() && rooms.get(room) == r) {
                        failed(room, r, id, e);
                    }
                }
                return;
            }
            synchronized (lock) {
                if (!open.getAsBoolean() || rooms.get(room) != r) {
                    return;
                }
                if (got.id() != id || !got.room().equals(room) || !got.kind().isContent()) {
                    r.unreadable.add(id); // not a message with a state: nothing to apply to
                } else {
                    cache.read(got, Math.max(r.lastQueued, got.seq()));
                }
                r.failures = 0;
                r.reading = false;
                drain(room, r);
            }
        };
        if (delay.isZero()) {
            io.execute(task);
        } else {
            timer.schedule(() -> io.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A read failed: try again a little later unless the message is gone or it failed too often. */
    private void failed(String room, Room r, long id, RuntimeException e) {
        boolean gone = e instanceof ChatClientException c && switch (c.code()) {
            case NOT_FOUND, FORBIDDEN, BAD_REQUEST, UNAUTHORIZED -> true;
            default -> false;
        };
        if (gone || ++r.failures >= MAX_READ_FAILURES) {
            LOG.log(gone ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "message " + id + " of " + room + " cannot be read, its changes reach no callback: "
                            + e.getMessage());
            r.failures = 0;
            r.unreadable.add(id);
            r.reading = false;
            drain(room, r);
        } else {
            read(room, r, id, READ_RETRY);
        }
    }
}
