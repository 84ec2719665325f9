package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The live connection: opens it through a {@link Transport}, reconnects by the policy, subscribes
 * again from the last delivered seq, and sends again what was not acknowledged (same clientMsgId).
 * A connection that fails or drops sends the next attempt to the next server of the list (another
 * node of the cluster, which shares the history, so that the resume is the same as on one server).
 * The calls waiting for an answer are kept in {@link Outstanding}; messages go through the
 * {@link RoomFeed}, so that each reaches the application once, in order.
 *
 * <p>Every field is guarded by {@code lock}. Events arrive from the transport's threads, REST
 * results from the {@code io} executor and timers from {@code timer}; each takes the lock, changes
 * state and queues listener callbacks on the {@link Dispatcher}, whose order therefore follows the
 * order of the state changes. Blocking work (logins, history reads) never runs under the lock.
 */
final class Session {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    /** What the session needs from the REST side; the methods block. */
    interface Server {
        /** A token, logging in first when there is none. */
        String token();

        /** A fresh token after {@code refused} was refused. */
        String relogin(String refused);

        boolean canLogin();

        HistoryPage history(String room, PageRequest page);

        List<RoomListing> rooms();

        /** How many servers the client may use; the first connection tries each once. */
        default int servers() {
            return 1;
        }
    }

    private final Transport transport;
    private final Server server;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final ReconnectPolicy policy;
    private final Duration pingInterval;
    private final DoubleSupplier random;

    private final Object lock = new Object();
    private ConnectionState state;
    private String closeReason;
    private Transport.Link link;
    private int generation;
    private boolean welcomed;
    private boolean everConnected;
    private int attempts;
    private int firstConnectTries;
    private boolean reloginTried;
    private long lastInbound;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> ping;
    private final CompletableFuture<User> firstConnect = new CompletableFuture<>();
    private final Outstanding outstanding = new Outstanding();
    private final RoomFeed rooms;

    Session(Transport transport, Server server, Dispatcher dispatcher, ScheduledExecutorService timer, Executor io,
            ReconnectPolicy policy, Duration pingInterval, DoubleSupplier random) {
        this.transport = transport;
        this.server = server;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.io = io;
        this.policy = policy;
        this.pingInterval = pingInterval;
        this.random = random;
        this.rooms = new RoomFeed(lock, server, dispatcher, io, timer, () -> state != ConnectionState.CLOSED);
    }

    // ---- application calls -----------------------------------------------------------------

    CompletableFuture<User> connect() {
        synchronized (lock) {
            if (state == null) {
                setState(ConnectionState.CONNECTING, "connecting");
                attempt();
            }
            return firstConnect;
        }
    }

    Optional<ConnectionState> state() {
        synchronized (lock) {
            return Optional.ofNullable(state);
        }
    }

    CompletableFuture<Ack> send(String room, String text) {
        String id = UUID.randomUUID().toString();
        return enqueue(id, new ClientFrame.Send(room, text, Optional.of(id)));
    }

    CompletableFuture<Ack> sendDirect(String username, String text) {
        String id = UUID.randomUUID().toString();
        return enqueue(id, new ClientFrame.Dm(username, text, Optional.of(id)));
    }

    private CompletableFuture<Ack> enqueue(String id, ClientFrame frame) {
        synchronized (lock) {
            if (state == null) {
                return CompletableFuture.failedFuture(unavailable("not connected: call connect() first"));
            }
            if (state == ConnectionState.CLOSED) {
                return CompletableFuture.failedFuture(unavailable("the client is closed: " + closeReason));
            }
            CompletableFuture<Ack> future = outstanding.send(id, frame);
            if (welcomed) {
                link.send(FrameCodec.encode(frame));
            }
            return future;
        }
    }

    CompletableFuture<Void> subscribe(String room, OptionalLong since) {
        synchronized (lock) {
            if (state == ConnectionState.CLOSED) {
                return CompletableFuture.failedFuture(unavailable("the client is closed: " + closeReason));
            }
            rooms.subscribe(room, since);
            CompletableFuture<Void> future = outstanding.subscribe(room);
            if (welcomed) {
                link.send(FrameCodec.encode(new ClientFrame.Subscribe(room, since)));
            }
            return future;
        }
    }

    CompletableFuture<Void> unsubscribe(String room) {
        synchronized (lock) {
            rooms.drop(room);
            if (!welcomed) {
                return CompletableFuture.completedFuture(null); // nothing to undo on the server
            }
            CompletableFuture<Void> future = outstanding.unsubscribe(room);
            link.send(FrameCodec.encode(new ClientFrame.Unsubscribe(room)));
            return future;
        }
    }

    void typing(String room, boolean active) {
        synchronized (lock) {
            if (welcomed) {
                link.send(FrameCodec.encode(new ClientFrame.Typing(room, active)));
            }
        }
    }

    /** Ends the session for good; idempotent. */
    void close(String reason) {
        synchronized (lock) {
            closeFinal(reason, ErrorCode.UNAVAILABLE);
        }
    }

    /** The REST side found the token refused for good. */
    void tokenRefused(String reason) {
        synchronized (lock) {
            if (state != null) {
                closeFinal(reason, ErrorCode.UNAUTHORIZED);
            }
        }
    }

    // ---- connecting ------------------------------------------------------------------------

    /** Starts one connection attempt: a token (maybe a login) off the lock, then the transport. */
    private void attempt() {
        int gen = ++generation;
        io.execute(() -> {
            String token;
            try {
                token = server.token();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    if (gen == generation) {
                        loginFailed(e, "cannot log in");
                    }
                }
                return;
            }
            synchronized (lock) {
                if (gen == generation && state != ConnectionState.CLOSED) {
                    link = transport.open(token, new Events(gen, token));
                }
            }
        });
    }

    private void loginFailed(RuntimeException e, String what) {
        if (e instanceof ChatException c && c.code() == ErrorCode.UNAUTHORIZED) {
            closeFinal(what + ": " + c.getMessage(), ErrorCode.UNAUTHORIZED);
        } else {
            firstConnectTries = server.servers(); // the REST side already tried every server
            reloginTried = false; // the server was not reached: a later refusal may log in again
            dropped(what + ": " + e.getMessage());
        }
    }

    /** Events of the connection of attempt {@code gen}; ignored once a newer attempt started. */
    private final class Events implements Transport.Listener {
        private final int gen;
        private final String token;

        Events(int gen, String token) {
            this.gen = gen;
            this.token = token;
        }

        @Override
        public void onOpen() {
            synchronized (lock) {
                if (gen == generation) {
                    lastInbound = System.nanoTime();
                }
            }
        }

        @Override
        public void onText(String text) {
            synchronized (lock) {
                if (gen == generation && state != ConnectionState.CLOSED) {
                    lastInbound = System.nanoTime();
                    handle(text);
                }
            }
        }

        @Override
        public void onClosed(int code, String reason) {
            synchronized (lock) {
                if (gen != generation) {
                    return;
                }
                String why = reason == null || reason.isBlank() ? "close code " + code : reason + " (" + code + ")";
                if (code == CloseCodes.POLICY_VIOLATION) {
                    refused(token, "token refused: " + why);
                } else {
                    dropped("connection lost: " + why);
                }
            }
        }

        @Override
        public void onFailure(Throwable error) {
            synchronized (lock) {
                if (gen != generation) {
                    return;
                }
                if (error instanceof Transport.HandshakeRefused h && h.status() == 401) {
                    refused(token, "token refused: the server answered the handshake with HTTP 401");
                } else {
                    String m = error.getMessage();
                    dropped("connection lost: " + (m == null || m.isBlank() ? error.getClass().getSimpleName() : m));
                }
            }
        }
    }

    /** The server refused the token: log in again once if possible, else close for good. */
    private void refused(String token, String reason) {
        detach();
        if (!server.canLogin() || reloginTried) {
            closeFinal(reason, ErrorCode.UNAUTHORIZED);
            return;
        }
        reloginTried = true;
        if (everConnected) {
            setState(ConnectionState.RECONNECTING, reason + "; logging in again");
        }
        int gen = generation;
        io.execute(() -> {
            try {
                server.relogin(token);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    if (gen == generation) {
                        loginFailed(e, reason + "; login failed");
                    }
                }
                return;
            }
            synchronized (lock) {
                if (gen == generation && state != ConnectionState.CLOSED) {
                    attempt();
                }
            }
        });
    }

    /** The connection dropped (or never opened): wait the backoff and try again, or give up. */
    private void dropped(String reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (link != null) {
            link.avoidServer();
        }
        detach();
        if (!everConnected) {
            if (++firstConnectTries < server.servers()) {
                attempt(); // the next server, at once: the first connect does not back off
            } else {
                closeFinal(reason, ErrorCode.UNAVAILABLE);
            }
            return;
        }
        attempts++;
        if (policy.maxAttempts().isPresent() && attempts > policy.maxAttempts().getAsInt()) {
            int max = policy.maxAttempts().getAsInt();
            closeFinal(max == 0 ? reason + " (reconnecting is disabled)"
                    : "gave up reconnecting after " + max + " attempts: " + reason, ErrorCode.UNAVAILABLE);
            return;
        }
        setState(ConnectionState.RECONNECTING, reason);
        Duration wait = Backoff.delay(policy, attempts, random.getAsDouble());
        int gen = generation;
        retry = timer.schedule(() -> {
            synchronized (lock) {
                if (gen == generation && state == ConnectionState.RECONNECTING) {
                    attempt();
                }
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forgets the current link; its late events no longer match the generation. */
    private void detach() {
        generation++;
        welcomed = false;
        Transport.Link l = link;
        link = null;
        if (l != null) {
            l.abort();
        }
        cancel(ping);
        cancel(retry);
    }

    private void closeFinal(String reason, ErrorCode code) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        boolean wasStarted = state != null;
        Transport.Link l = link;
        link = null;
        detach();
        if (l != null) {
            l.close();
        }
        state = ConnectionState.CLOSED;
        closeReason = reason;
        ChatClientException ex = new ChatClientException(code, reason, 0, null);
        outstanding.failAll(ex);
        firstConnect.completeExceptionally(ex);
        if (wasStarted) {
            dispatcher.state(ConnectionState.CLOSED, reason);
        }
    }

    private void setState(ConnectionState s, String reason) {
        state = s;
        dispatcher.state(s, reason);
    }

    // ---- frames ----------------------------------------------------------------------------

    private void handle(String text) {
        ServerFrame frame;
        try {
            frame = FrameCodec.decodeServer(text);
        } catch (ChatException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a frame the client cannot read: " + e.getMessage());
            return;
        }
        if (frame instanceof ServerFrame.MessageFrame m) {
            rooms.message(m.message());
        } else if (frame instanceof ServerFrame.Ack a) {
            outstanding.acked(a);
        } else if (frame instanceof ServerFrame.Welcome w) {
            welcome(w.user(), w.serverTime());
        } else if (frame instanceof ServerFrame.Subscribed s) {
            rooms.subscribed(s);
            outstanding.subscribed(s.room());
        } else if (frame instanceof ServerFrame.Unsubscribed u) {
            outstanding.unsubscribed(u.room());
        } else if (frame instanceof ServerFrame.Typing t) {
            dispatcher.typing(t.room(), t.user(), t.active());
        } else if (frame instanceof ServerFrame.Presence p) {
            dispatcher.presence(p.user(), p.online());
        } else if (frame instanceof ServerFrame.Error e) {
            error(e);
        }
        // Pong needs nothing: any frame already counts as a sign of life.
    }

    private void welcome(User user, Instant serverTime) {
        welcomed = true;
        everConnected = true;
        attempts = 0;
        reloginTried = false;
        setState(ConnectionState.CONNECTED, "connected as " + user.username());
        firstConnect.complete(user);
        for (ClientFrame.Subscribe s : rooms.resubscriptions()) {
            outstanding.subscribe(s.room());
            link.send(FrameCodec.encode(s));
        }
        // Sends go after the subscriptions, so that their echoes follow the replays in order.
        outstanding.unacknowledged().forEach(f -> link.send(FrameCodec.encode(f)));
        int gen = generation;
        rooms.followDirectRooms(serverTime, () -> gen == generation && welcomed,
                f -> link.send(FrameCodec.encode(f)));
        startPing(gen);
    }

    private void error(ServerFrame.Error e) {
        switch (outstanding.refuse(e)) {
            case SEND, UNSUBSCRIBE -> {
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

    // ---- keep-alive ------------------------------------------------------------------------

    private void startPing(int gen) {
        long period = pingInterval.toNanos();
        boolean[] outstanding = {false};
        long[] sentAt = {0};
        ping = timer.scheduleAtFixedRate(() -> {
            synchronized (lock) {
                if (gen != generation || !welcomed) {
                    return;
                }
                long now = System.nanoTime();
                // Give up only when a ping we sent went unanswered for a whole period: a late timer
                // (a busy machine) must not count as the server's silence.
                if (outstanding[0] && lastInbound - sentAt[0] < 0) {
                    if (now - sentAt[0] >= period) {
                        dropped("connection lost: no answer from the server for "
                                + Math.max(1, pingInterval.toSeconds()) + " s after a ping");
                    }
                    return;
                }
                link.send(FrameCodec.encode(new ClientFrame.Ping()));
                outstanding[0] = true;
                sentAt[0] = now;
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static ChatClientException unavailable(String message) {
        return new ChatClientException(ErrorCode.UNAVAILABLE, message, 0, null);
    }
}
