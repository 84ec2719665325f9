package dev.parley.client.internal;

import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The live connection's life, one {@link Transport} link at a time: opens it (logging in first when
 * needed), reconnects by the policy after a drop, moving to the next server of the list, logs in
 * once more when the token is refused, pings a quiet connection and replaces a silent one, and ends
 * for good on {@link #close}. What travels on a welcomed connection is the {@link Handler}'s
 * business: the {@link Session} above it.
 *
 * <p>Every field is guarded by the session's {@code lock}, which this class takes itself for events
 * from the transport's threads, the {@code io} executor and the {@code timer}; the handler is always
 * called under it. Blocking work (logins) never runs under the lock.
 */
final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    /** What a connection hands to the session above it; every method is called under the lock. */
    interface Handler {
        /**
         * The server welcomed a new connection: frames may go out from now on.
         *
         * @param generation the connection's number, for {@link #current(int)}
         */
        void welcomed(User user, Instant serverTime, int generation);

        /** A frame of the current connection, other than {@code welcome} and {@code pong}. */
        void frame(ServerFrame frame);

        /** The connection ended for good; {@code reason} carries the code and the reason. */
        void closed(ChatClientException reason);
    }

    private final Object lock;
    private final Transport transport;
    private final Session.Server server;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final ReconnectPolicy policy;
    private final Duration pingInterval;
    private final DoubleSupplier random;
    private final Handler handler;

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

    Connection(Object lock, Transport transport, Session.Server server, Dispatcher dispatcher,
               ScheduledExecutorService timer, Executor io, ReconnectPolicy policy, Duration pingInterval,
               DoubleSupplier random, Handler handler) {
        this.lock = lock;
        this.transport = transport;
        this.server = server;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.io = io;
        this.policy = policy;
        this.pingInterval = pingInterval;
        this.random = random;
        this.handler = handler;
    }

    // ---- what the session asks (under the lock) --------------------------------------------

    /** Starts the first connection unless started already; the future completes on the first welcome. */
    CompletableFuture<User> connect() {
        if (state == null) {
            setState(ConnectionState.CONNECTING, "connecting");
            attempt();
        }
        return firstConnect;
    }

    /** The state; empty before {@link #connect()}. */
    Optional<ConnectionState> state() {
        return Optional.ofNullable(state);
    }

    boolean started() {
        return state != null;
    }

    boolean isClosed() {
        return state == ConnectionState.CLOSED;
    }

    /** Why the connection closed; null while it is not closed. */
    String closeReason() {
        return closeReason;
    }

    /** Whether a welcomed connection is up, so that frames go out at once. */
    boolean welcomed() {
        return welcomed;
    }

    /** Whether the welcomed connection of {@code generation} is still the current one. */
    boolean current(int generation) {
        return generation == this.generation && welcomed;
    }

    /** Sends a frame on the welcomed connection; false (and nothing sent) when there is none. */
    boolean send(ClientFrame frame) {
        if (!welcomed) {
            return false;
        }
        link.send(FrameCodec.encode(frame));
        return true;
    }

    /** Ends the connection for good; idempotent. */
    void close(String reason, ErrorCode code) {
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
        handler.closed(ex);
        firstConnect.completeExceptionally(ex);
        if (wasStarted) {
            dispatcher.state(ConnectionState.CLOSED, reason);
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
            close(what + ": " + c.getMessage(), ErrorCode.UNAUTHORIZED);
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
            close(reason, ErrorCode.UNAUTHORIZED);
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
                close(reason, ErrorCode.UNAVAILABLE);
            }
            return;
        }
        attempts++;
        if (policy.maxAttempts().isPresent() && attempts > policy.maxAttempts().getAsInt()) {
            int max = policy.maxAttempts().getAsInt();
            close(max == 0 ? reason + " (reconnecting is disabled)"
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
        if (frame instanceof ServerFrame.Welcome w) {
            welcome(w.user(), w.serverTime());
        } else if (!(frame instanceof ServerFrame.Pong)) {
            handler.frame(frame);
        }
        // A pong needs nothing: any frame already counts as a sign of life.
    }

    private void welcome(User user, Instant serverTime) {
        welcomed = true;
        everConnected = true;
        attempts = 0;
        reloginTried = false;
        setState(ConnectionState.CONNECTED, "connected as " + user.username());
        firstConnect.complete(user);
        int gen = generation;
        handler.welcomed(user, serverTime, gen);
        startPing(gen);
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
}
