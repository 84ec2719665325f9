package dev.parley.core.internal;

import dev.parley.core.ClientSession;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.OutboundFrame;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.User;
import dev.parley.protocol.internal.SerialExecutor;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live connection: decodes the client's frames, applies them through {@link Messaging},
 * {@link Lifecycle} and {@link Delivery}, and writes answers and deliveries through its {@link Outbox}. Frames are handled
 * one at a time, in order, on the engine's executor, never on the adapter's I/O thread; a send's
 * ack follows once the store has its message, without holding up the frames after it.
 */
final class LiveSession implements ClientSession {
    private static final System.Logger LOG = System.getLogger(LiveSession.class.getName());

    private final Sessions sessions;
    private final Messaging messaging;
    private final Lifecycle lifecycle;
    private final Delivery delivery;
    private final ReadState readState;
    /** Tells this session apart from the user's others, for the echo of its own read markers. */
    private final String id = java.util.UUID.randomUUID().toString();
    private final User user;
    private final String userKey;
    private final Optional<String> tokenId;
    private final Outbox outbox;
    private final Executor serial;
    private final int outboxLimit;
    private final int maxFrameBytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Rooms this session has a hub subscription in (explicit or implicit). */
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    /** Frames offered before the welcome was sent; null from then on. Guarded by {@code this}. */
    private List<OutboundFrame> beforeWelcome = new ArrayList<>();
    /** Set, after the welcome and the frames held for it are queued, so that later offers skip the lock. */
    private volatile boolean welcomed;

    LiveSession(Sessions sessions, Messaging messaging, Lifecycle lifecycle, Delivery delivery, ReadState readState,
                User user, Optional<String> tokenId,
                Connection connection, Executor executor, int outboxLimit, int maxFrameBytes) {
        this.sessions = sessions;
        this.messaging = messaging;
        this.lifecycle = lifecycle;
        this.delivery = delivery;
        this.readState = readState;
        this.user = user;
        this.userKey = InputRules.key(user.username());
        this.tokenId = tokenId;
        this.outboxLimit = outboxLimit;
        this.maxFrameBytes = maxFrameBytes;
        this.serial = new SerialExecutor(executor);
        // An overflow happens inside a fan-out, under a room's lock: the outbox closes on the executor.
        this.outbox = new Outbox(connection, outboxLimit, executor, this::closed, delivery.metrics()::slowConsumerDropped);
    }

    @Override
    public User user() {
        return user;
    }

    String userKey() {
        return userKey;
    }

    String id() {
        return id;
    }

    Optional<String> tokenId() {
        return tokenId;
    }

    int outboxLimit() {
        return outboxLimit;
    }

    void track(String room) {
        rooms.add(room);
    }

    void untrack(String room) {
        rooms.remove(room);
    }

    Set<String> rooms() {
        return rooms;
    }

    /**
     * Queues a frame for the client. Frames offered before the welcome are held back and follow it,
     * since the session receives deliveries from the moment it is registered.
     *
     * @return false when the connection is closed or has just overflowed
     */
    boolean offer(OutboundFrame frame) {
        if (welcomed) {
            return outbox.offer(frame);
        }
        synchronized (this) {
            if (beforeWelcome != null) {
                // Past the outbox limit the flush overflows anyway: keep no more than that.
                if (beforeWelcome.size() <= outboxLimit) {
                    beforeWelcome.add(frame);
                }
                return true;
            }
        }
        return outbox.offer(frame);
    }

    /** Sends the welcome, then whatever was offered before it. */
    void welcome(ServerFrame.Welcome welcome) {
        synchronized (this) {
            outbox.offer(Frames.of(welcome));
            for (OutboundFrame frame : beforeWelcome) {
                if (!outbox.offer(frame)) {
                    break;
                }
            }
            beforeWelcome = null;
            welcomed = true;
        }
    }

    void send(ServerFrame frame) {
        offer(Frames.of(frame));
    }

    void error(ErrorCode code, String message, String ref) {
        send(new ServerFrame.Error(code, message, Optional.ofNullable(ref)));
    }

    void whenOutboxAtMost(int mark, Runnable task) {
        outbox.whenAtMost(mark, task);
    }

    /** Closes the connection from the server side (logout, shutdown). */
    void close(int code, String reason) {
        outbox.close(code, reason);
        closed();
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void receive(String frame) {
        if (closed.get()) {
            return;
        }
        runLater(() -> handle(frame));
    }

    @Override
    public void closed() {
        if (closed.compareAndSet(false, true)) {
            sessions.sessionClosed(this);
        }
    }

    /** Runs a task in this session's order, before any frame received after this call. */
    void runInOrder(Runnable task) {
        runLater(task);
    }

    private void runLater(Runnable task) {
        try {
            serial.execute(task);
        } catch (RejectedExecutionException e) {
            // The engine is shutting down; it closes every connection itself.
        }
    }

    private void handle(String text) {
        if (closed.get()) {
            return;
        }
        ClientFrame frame = FrameCodec.decodeClient(text, maxFrameBytes);
        String ref = ref(frame);
        try {
            if (frame instanceof ClientFrame.Invalid invalid) {
                send(new ServerFrame.Error(invalid.code(), invalid.message(), invalid.ref()));
            } else if (frame instanceof ClientFrame.Ping) {
                send(new ServerFrame.Pong());
            } else if (frame instanceof ClientFrame.Send s) {
                Draft draft = new Draft(s.text(), s.clientMsgId(), s.replyTo(), s.thread());
                ackWhenStored(messaging.sendAsync(user, s.room(), draft).thenApply(Optional::of), s.clientMsgId(),
                        s.room(), ref);
            } else if (frame instanceof ClientFrame.Dm dm) {
                Draft draft = new Draft(dm.text(), dm.clientMsgId(), dm.replyTo(), dm.thread());
                ackWhenStored(messaging.sendDirectAsync(user, dm.to(), draft).thenApply(Optional::of), dm.clientMsgId(),
                        null, ref);
            } else if (frame instanceof ClientFrame.Edit e) {
                ackWhenStored(lifecycle.editAsync(user, e.room(), e.id(), e.text(), e.clientMsgId()), e.clientMsgId(),
                        e.room(), ref);
            } else if (frame instanceof ClientFrame.Delete d) {
                ackWhenStored(lifecycle.deleteAsync(user, d.room(), d.id(), d.clientMsgId()), d.clientMsgId(),
                        d.room(), ref);
            } else if (frame instanceof ClientFrame.React r) {
                ackWhenStored(lifecycle.reactAsync(user, r.room(), r.id(), r.emoji(), r.active(), r.clientMsgId()),
                        r.clientMsgId(), r.room(), ref);
            } else if (frame instanceof ClientFrame.Subscribe s) {
                messaging.checkReadable(user, s.room());
                delivery.subscribe(this, s.room(), s.since());
            } else if (frame instanceof ClientFrame.Unsubscribe u) {
                delivery.unsubscribe(this, u.room());
                send(new ServerFrame.Unsubscribed(u.room()));
            } else if (frame instanceof ClientFrame.Typing t) {
                messaging.typing(user, t.room(), t.active());
            } else if (frame instanceof ClientFrame.Read r) {
                // Not acked (the contract gives it no answer); a store failure is told as an error frame.
                readState.mark(user, r.room(), r.seq(), Optional.of(id)).whenComplete((v, failure) -> {
                    if (failure != null) {
                        refuse(Broadcaster.unwrap(failure), ref);
                    }
                });
            }
        } catch (RuntimeException e) {
            refuse(e, ref);
        }
    }

    /**
     * Acks a send once its message is stored, or refuses it. The next frame is handled meanwhile, so
     * that a client's sends in flight can be stored together with other clients'; the store keeps
     * their order, and completes them in that order, so the acks follow the order of the sends.
     */
    private void ackWhenStored(CompletableFuture<Optional<Message>> stored, Optional<String> clientMsgId, String room,
                               String ref) {
        stored.whenComplete((m, failure) -> {
            if (failure == null) {
                // A no-op posted nothing: its ack carries no id (a dm's room is known only once stored).
                send(m.isPresent() ? new ServerFrame.Ack(clientMsgId, m.get().id(), m.get().seq(), m.get().room())
                        : ServerFrame.Ack.nothingPosted(clientMsgId, room));
            } else {
                refuse(Broadcaster.unwrap(failure), ref);
            }
        });
    }

    private void refuse(RuntimeException e, String ref) {
        if (e instanceof ChatException c) {
            error(c.code(), c.getMessage(), ref);
        } else {
            LOG.log(System.Logger.Level.ERROR, "frame from " + user.username() + " failed", e);
            error(ErrorCode.INTERNAL, "internal error", ref);
        }
    }

    private static String ref(ClientFrame frame) {
        if (frame instanceof ClientFrame.Send s) {
            return s.clientMsgId().orElse(s.room());
        } else if (frame instanceof ClientFrame.Dm dm) {
            return dm.clientMsgId().orElse(null);
        } else if (frame instanceof ClientFrame.Edit e) {
            return e.clientMsgId().orElse(e.room());
        } else if (frame instanceof ClientFrame.Delete d) {
            return d.clientMsgId().orElse(d.room());
        } else if (frame instanceof ClientFrame.React r) {
            return r.clientMsgId().orElse(r.room());
        } else if (frame instanceof ClientFrame.Subscribe s) {
            return s.room();
        } else if (frame instanceof ClientFrame.Unsubscribe u) {
            return u.room();
        } else if (frame instanceof ClientFrame.Typing t) {
            return t.room();
        } else if (frame instanceof ClientFrame.Read r) {
            return r.room();
        }
        return null;
    }
}
