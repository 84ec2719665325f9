package dev.parley.client.internal;

import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The rooms side of a {@link Session}: which rooms the application subscribed to, the
 * {@link Sequencer} that turns incoming messages into once-and-in-order deliveries (handed on to the
 * {@link StateFeed}), the history reads that fill its holes, and the following of direct rooms,
 * which reach a connection unasked.
 *
 * <p>Guarded by the session's lock, which it takes itself when a history read comes back from
 * the {@code io} executor. Blocking reads never run under the lock.
 */
final class RoomFeed {
    private static final System.Logger LOG = System.getLogger(RoomFeed.class.getName());
    private static final Duration FILL_RETRY = Duration.ofSeconds(1);

    private final Object lock;
    private final Session.Server server;
    private final Executor io;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier open;
    private final StateFeed states;
    private final Sequencer sequencer = new Sequencer();
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private boolean directRoomsListed;

    /**
     * @param open   whether the session still runs; history that comes back after it closed is dropped
     * @param states where the messages go, in order, on their way to the listener
     */
    RoomFeed(Object lock, Session.Server server, Executor io, ScheduledExecutorService timer, BooleanSupplier open,
             StateFeed states) {
        this.lock = lock;
        this.server = server;
        this.io = io;
        this.timer = timer;
        this.open = open;
        this.states = states;
    }

    /** The application subscribes; with {@code since}, delivery restarts after it. */
    void subscribe(String room, OptionalLong since) {
        subscriptions.add(room);
        sequencer.subscribing(room, since);
    }

    /** The application unsubscribed, or the server refused the subscription: it is not renewed. */
    void drop(String room) {
        subscriptions.remove(room);
        sequencer.forget(room);
        states.forget(room);
    }

    /**
     * The subscriptions to send on a new connection: every subscribed room and every followed
     * direct room, from the last seq delivered when there is one.
     */
    List<ClientFrame.Subscribe> resubscriptions() {
        Set<String> rooms = new LinkedHashSet<>(subscriptions);
        rooms.addAll(sequencer.fillableRooms());
        List<ClientFrame.Subscribe> out = new ArrayList<>();
        for (String room : rooms) {
            OptionalLong since = sequencer.last(room);
            sequencer.subscribing(room, since);
            out.add(new ClientFrame.Subscribe(room, since));
        }
        return out;
    }

    void message(Message m) {
        apply(sequencer.offer(m), Duration.ZERO);
    }

    void subscribed(ServerFrame.Subscribed s) {
        if (sequencer.knows(s.room())) { // else unsubscribed meanwhile
            apply(sequencer.subscribed(s.room(), s.lastSeq(), s.truncated()), Duration.ZERO);
        }
    }

    /**
     * Lists the direct rooms (off the lock) and subscribes those not followed yet with {@code since},
     * so that the server replays them after a reconnect. A plain subscribe would not do: the server
     * skips what it stored before answering it, which the unasked delivery may not have brought yet.
     * On the first connection {@code since} is the last message stored before the welcome (what came
     * after is the application's to see); a room that appears in a later listing was created while
     * the client was away, and is replayed whole.
     *
     * @param current whether the connection that asked is still the current one
     * @param send    sends a frame on that connection
     */
    void followDirectRooms(Instant welcomeTime, BooleanSupplier current, Consumer<ClientFrame> send) {
        boolean first = !directRoomsListed;
        io.execute(() -> {
            Map<String, Long> since = new LinkedHashMap<>();
            try {
                for (RoomListing l : server.rooms()) {
                    if (l.member() && l.room().visibility() == Visibility.DIRECT) {
                        since.put(l.room().id(), first ? storedBefore(l.room().id(), welcomeTime) : 0L);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot list direct rooms: " + e.getMessage());
                return;
            }
            synchronized (lock) {
                if (!current.getAsBoolean()) {
                    return;
                }
                since.forEach((id, seq) -> {
                    if (!sequencer.knows(id)) {
                        sequencer.subscribing(id, OptionalLong.of(seq));
                        send.accept(new ClientFrame.Subscribe(id, OptionalLong.of(seq)));
                    }
                });
                directRoomsListed = true;
            }
        });
    }

    /** The seq of the room's last message stored before {@code time}; 0 for none. */
    private long storedBefore(String room, Instant time) {
        List<Message> page = server.history(room, PageRequest.latest(PageRequest.DEFAULT_LIMIT)).messages();
        for (int i = page.size() - 1; i >= 0; i--) {
            if (page.get(i).createdAt().isBefore(time)) {
                return page.get(i).seq();
            }
        }
        return page.isEmpty() ? 0 : page.get(0).seq() - 1;
    }

    private void apply(Sequencer.Outcome outcome, Duration fillDelay) {
        outcome.deliver().forEach(states::deliver);
        outcome.fill().ifPresent(f -> fill(f, fillDelay));
    }

    private void fill(Sequencer.Fill f, Duration delay) {
        Runnable read = () -> {
            HistoryPage page;
            try {
                page = server.history(f.room(), PageRequest.after(f.after(), PageRequest.MAX_LIMIT));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "history of " + f.room() + " failed: " + e.getMessage());
                synchronized (lock) {
                    if (open.getAsBoolean()) {
                        apply(sequencer.fillFailed(f.room()), FILL_RETRY);
                    }
                }
                return;
            }
            synchronized (lock) {
                if (open.getAsBoolean()) {
                    apply(sequencer.filled(f.room(), page), Duration.ZERO);
                }
            }
        };
        if (delay.isZero()) {
            io.execute(read);
        } else {
            timer.schedule(() -> io.execute(read), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
