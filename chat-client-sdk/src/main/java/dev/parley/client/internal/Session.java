package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * The live side of the client as the application calls it: sends, subscriptions and typing over
 * the {@link Connection}, which reconnects underneath. On every new connection it subscribes again
 * from the last delivered seq and sends again what was not acknowledged (same clientMsgId: sends,
 * edits, deletions and reactions alike, which the server applies once); the calls waiting for an
 * answer are kept in {@link Outstanding}; messages go through the {@link RoomFeed}, so that each
 * reaches the application once, in order, and then through the {@link StateFeed}, which keeps the
 * state of recent messages and hands lifecycle entries over with the message they changed.
 *
 * <p>Every field is guarded by {@code lock}, shared with the connection and the room feed. Events
 * arrive from the transport's threads, REST results from the {@code io} executor and timers from
 * {@code timer}; each takes the lock, changes state and queues listener callbacks on the
 * {@link Dispatcher}, whose order therefore follows the order of the state changes.
 */
final class Session implements Connection.Handler {

    /** What the session needs from the REST side; the methods block. */
    interface Server {
        /** A token, logging in first when there is none. */
        String token();

        /** A fresh token after {@code refused} was refused. */
        String relogin(String refused);

        boolean canLogin();

        HistoryPage history(String room, PageRequest page);

        /** One message of a room in its current state. */
        Message message(String room, long id);

        List<RoomListing> rooms();

        /** How many servers the client may use; the first connection tries each once. */
        default int servers() {
            return 1;
        }
    }

    private final Dispatcher dispatcher;
    private final Object lock = new Object();
    private final Connection connection;
    private final Outstanding outstanding = new Outstanding();
    private final StateFeed states;
    private final RoomFeed rooms;

    /** @param recentPerRoom how many messages per room the state cache keeps (at least 2) */
    Session(Transport transport, Server server, Dispatcher dispatcher, ScheduledExecutorService timer, Executor io,
            ReconnectPolicy policy, Duration pingInterval, DoubleSupplier random, int recentPerRoom) {
        this.dispatcher = dispatcher;
        this.connection = new Connection(lock, transport, server, dispatcher, timer, io, policy, pingInterval, random,
                this);
        BooleanSupplier open = () -> !connection.isClosed();
        this.states = new StateFeed(lock, new StateCache(recentPerRoom), server::message, dispatcher, io, timer, open);
        this.rooms = new RoomFeed(lock, server, io, timer, open, states);
    }

    // ---- application calls -----------------------------------------------------------------

    CompletableFuture<User> connect() {
        synchronized (lock) {
            return connection.connect();
        }
    }

    Optional<ConnectionState> state() {
        synchronized (lock) {
            return connection.state();
        }
    }

    /** A message to a room, under the draft's clientMsgId or a fresh one. */
    CompletableFuture<Ack> send(String room, Draft draft) {
        String id = draft.clientMsgId().orElseGet(Session::freshId);
        return enqueue(id, new ClientFrame.Send(room, draft.text(), Optional.of(id), draft.replyTo(), draft.thread()));
    }

    CompletableFuture<Ack> sendDirect(String username, Draft draft) {
        String id = draft.clientMsgId().orElseGet(Session::freshId);
        return enqueue(id, new ClientFrame.Dm(username, draft.text(), Optional.of(id), draft.replyTo(), draft.thread()));
    }

    CompletableFuture<Ack> edit(String room, long messageId, String text) {
        String id = freshId();
        return enqueue(id, new ClientFrame.Edit(room, messageId, text, Optional.of(id)));
    }

    CompletableFuture<Ack> delete(String room, long messageId) {
        String id = freshId();
        return enqueue(id, new ClientFrame.Delete(room, messageId, Optional.of(id)));
    }

    CompletableFuture<Ack> react(String room, long messageId, String emoji, boolean active) {
        String id = freshId();
        return enqueue(id, new ClientFrame.React(room, messageId, emoji, active, Optional.of(id)));
    }

    /** Messages of one room the application read over HTTP: the state cache takes them. */
    void read(String room, List<Message> messages) {
        synchronized (lock) {
            states.read(room, messages);
        }
    }

    private static String freshId() {
        return UUID.randomUUID().toString();
    }

    private CompletableFuture<Ack> enqueue(String id, ClientFrame frame) {
        synchronized (lock) {
            if (!connection.started()) {
                return CompletableFuture.failedFuture(unavailable("not connected: call connect() first"));
            }
            if (connection.isClosed()) {
                return CompletableFuture.failedFuture(unavailable("the client is closed: " + connection.closeReason()));
            }
            Optional<CompletableFuture<Ack>> fresh = outstanding.call(id, frame);
            if (fresh.isEmpty()) {
                return outstanding.waiting(id).orElseThrow(); // the same call again: one answer for both
            }
            connection.send(frame);
            return fresh.get();
        }
    }

    CompletableFuture<Void> subscribe(String room, OptionalLong since) {
        synchronized (lock) {
            if (connection.isClosed()) {
                return CompletableFuture.failedFuture(unavailable("the client is closed: " + connection.closeReason()));
            }
            rooms.subscribe(room, since);
            CompletableFuture<Void> future = outstanding.subscribe(room);
            connection.send(new ClientFrame.Subscribe(room, since));
            return future;
        }
    }

    CompletableFuture<Void> unsubscribe(String room) {
        synchronized (lock) {
            rooms.drop(room);
            if (!connection.welcomed()) {
                return CompletableFuture.completedFuture(null); // nothing to undo on the server
            }
            CompletableFuture<Void> future = outstanding.unsubscribe(room);
            connection.send(new ClientFrame.Unsubscribe(room));
            return future;
        }
    }

    void typing(String room, boolean active) {
        synchronized (lock) {
            connection.send(new ClientFrame.Typing(room, active));
        }
    }

    /** Ends the session for good; idempotent. */
    void close(String reason) {
        synchronized (lock) {
            connection.close(reason, ErrorCode.UNAVAILABLE);
        }
    }

    /** The REST side found the token refused for good. */
    void tokenRefused(String reason) {
        synchronized (lock) {
            if (connection.started()) {
                connection.close(reason, ErrorCode.UNAUTHORIZED);
            }
        }
    }

    // ---- the connection's events (under the lock) ------------------------------------------

    @Override
    public void welcomed(User user, Instant serverTime, int generation) {
        states.me(user.username());
        for (ClientFrame.Subscribe s : rooms.resubscriptions()) {
            outstanding.subscribe(s.room());
            connection.send(s);
        }
        // Sends go after the subscriptions, so that their echoes follow the replays in order.
        outstanding.unacknowledged().forEach(connection::send);
        rooms.followDirectRooms(serverTime, () -> connection.current(generation), connection::send);
    }

    @Override
    public void frame(ServerFrame frame) {
        if (frame instanceof ServerFrame.MessageFrame m) {
            rooms.message(m.message());
        } else if (frame instanceof ServerFrame.Ack a) {
            outstanding.acked(a);
        } else if (frame instanceof ServerFrame.Subscribed s) {
            rooms.subscribed(s);
            outstanding.subscribed(s.room());
        } else if (frame instanceof ServerFrame.Unsubscribed u) {
            if (!outstanding.unsubscribed(u.room())) {
                // Ended by the server (a leave elsewhere, a kick, a ban): not subscribed again on reconnect.
                rooms.drop(u.room());
                dispatcher.unsubscribed(u.room(), u.reason());
            }
        } else if (frame instanceof ServerFrame.Typing t) {
            dispatcher.typing(t.room(), t.user(), t.active());
        } else if (frame instanceof ServerFrame.Presence p) {
            dispatcher.presence(p.user(), p.online());
        } else if (frame instanceof ServerFrame.RoomChanged r) {
            dispatcher.roomChanged(r.event(), r.room());
        } else if (frame instanceof ServerFrame.Read r) {
            dispatcher.read(r.room(), r.user(), r.seq());
        } else if (frame instanceof ServerFrame.Mention m) {
            dispatcher.mention(m.message());
        } else if (frame instanceof ServerFrame.Error e) {
            error(e);
        }
    }

    @Override
    public void closed(ChatClientException reason) {
        outstanding.failAll(reason);
    }

    private void error(ServerFrame.Error e) {
        switch (outstanding.refuse(e)) {
            case ACKED_CALL, UNSUBSCRIBE -> {
                // the caller's future carries it
            }
            case SUBSCRIBE -> {
                // A refused (re)subscription is dropped rather than retried at every reconnect.
                rooms.drop(e.ref().orElseThrow());
                dispatcher.error(e.code(), e.message(), e.ref());
            }
            case NOTHING -> dispatcher.error(e.code(), e.message(), e.ref());
        }
    }

    private static ChatClientException unavailable(String message) {
        return new ChatClientException(ErrorCode.UNAVAILABLE, message, 0, null);
    }
}
