package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.client.ReconnectPolicy;
import dev.parley.core.ChatException;
import dev.parley.core.ErrorCode;
import dev.parley.core.HistoryPage;
import dev.parley.core.Message;
import dev.parley.core.PageRequest;
import dev.parley.core.RoomListing;
import dev.parley.core.User;
import dev.parley.core.Visibility;
import dev.parley.core.protocol.ClientFrame;
import dev.parley.core.protocol.FrameCodec;
import dev.parley.core.protocol.ServerFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The live connection: opens it through a {@link Transport}, reconnects by the policy, subscribes
 * again from the last delivered seq, sends again what was not acknowledged (same clientMsgId), and
 * passes messages through a {@link Sequencer} so that each reaches the application once, in order.
 *
 * <p>Every field is guarded by {@code lock}. Events arrive from the transport's threads, REST
 * results from the {@code io} executor and timers from {@code timer}; each takes the lock, changes
 * state and queues listener callbacks on the {@link Dispatcher}, whose order therefore follows the
 * order of the state changes. Blocking work (logins, history reads) never runs under the lock.
 */
final class Session {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());
    private static final int POLICY_VIOLATION = 1008;
    private static final Duration FILL_RETRY = Duration.ofSeconds(1);

    /** What the session needs from the REST side; the methods block. */
    interface Server {
        /** A token, logging in first when there is none. */
        String token();

        /** A fresh token after {@code refused} was refused. */
        String relogin(String refused);

        boolean canLogin();

        HistoryPage history(String room, PageRequest page);

        List<RoomListing> rooms();
    }

    private record Pending(ClientFrame frame, CompletableFuture<Ack> future) {
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
    private boolean reloginTried;
    private boolean directRoomsListed;
    private long lastInbound;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> ping;
    private final CompletableFuture<User> firstConnect = new CompletableFuture<>();
    private final LinkedHashMap<String, Pending> sends = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> subscribing = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> unsubscribing = new HashMap<>();
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private final Sequencer sequencer = new Sequencer();

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
            CompletableFuture<Ack> future = new CompletableFuture<>();
            sends.put(id, new Pending(frame, future));
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
            subscriptions.add(room);
            sequencer.subscribing(room, since);
            CompletableFuture<Void> future = subscribing.computeIfAbsent(room, r -> new CompletableFuture<>());
            if (welcomed) {
                link.send(FrameCodec.encode(new ClientFrame.Subscribe(room, since)));
            }
            return future;
        }
    }

    CompletableFuture<Void> unsubscribe(String room) {
        synchronized (lock) {
            subscriptions.remove(room);
            sequencer.forget(room);
            if (!welcomed) {
                return CompletableFuture.completedFuture(null); // nothing to undo on the server
            }
            CompletableFuture<Void> future = unsubscribing.computeIfAbsent(room, r -> new CompletableFuture<>());
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
                if (code == POLICY_VIOLATION) {
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
        detach();
        if (!everConnected) {
            closeFinal(reason, ErrorCode.UNAVAILABLE);
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
        sends.values().forEach(p -> p.future().completeExceptionally(ex));
        sends.clear();
        subscribing.values().forEach(f -> f.completeExceptionally(ex));
        subscribing.clear();
        unsubscribing.values().forEach(f -> f.completeExceptionally(ex));
        unsubscribing.clear();
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
            apply(sequencer.offer(m.message()), Duration.ZERO);
        } else if (frame instanceof ServerFrame.Ack a) {
            Pending p = a.clientMsgId().map(sends::remove).orElse(null);
            if (p != null) {
                p.future().complete(new Ack(a.clientMsgId().get(), a.id(), a.seq(), a.room()));
            }
        } else if (frame instanceof ServerFrame.Welcome w) {
            welcome(w.user(), w.serverTime());
        } else if (frame instanceof ServerFrame.Subscribed s) {
            if (sequencer.knows(s.room())) {
                apply(sequencer.subscribed(s.room(), s.lastSeq(), s.truncated()), Duration.ZERO);
            }
            CompletableFuture<Void> f = subscribing.remove(s.room());
            if (f != null) {
                f.complete(null);
            }
        } else if (frame instanceof ServerFrame.Unsubscribed u) {
            CompletableFuture<Void> f = unsubscribing.remove(u.room());
            if (f != null) {
                f.complete(null);
            }
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
        Set<String> rooms = new LinkedHashSet<>(subscriptions);
        rooms.addAll(sequencer.fillableRooms());
        for (String room : rooms) {
            OptionalLong since = sequencer.last(room);
            sequencer.subscribing(room, since);
            subscribing.computeIfAbsent(room, r -> new CompletableFuture<>());
            link.send(FrameCodec.encode(new ClientFrame.Subscribe(room, since)));
        }
        // Sends go after the subscriptions, so that their echoes follow the replays in order.
        List<String> done = new ArrayList<>();
        sends.forEach((id, p) -> {
            if (p.future().isDone()) {
                done.add(id);
            } else {
                link.send(FrameCodec.encode(p.frame()));
            }
        });
        done.forEach(sends::remove);
        listDirectRooms(generation, serverTime);
        startPing(generation);
    }

    /**
     * Direct rooms reach the socket unasked, so the session subscribes them with {@code since} too,
     * to have the server replay them after a reconnect. A plain subscribe would not do: the server
     * skips what it stored before answering it, and the implicit delivery may not have brought that
     * yet. On the first connection {@code since} is the last message stored before the welcome
     * (what came after is the application's to see); a room that appears in a later listing was
     * created while the client was away, and is replayed whole.
     */
    private void listDirectRooms(int gen, Instant welcomeTime) {
        boolean first;
        synchronized (lock) {
            first = !directRoomsListed;
        }
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
                if (gen != generation || !welcomed) {
                    return;
                }
                since.forEach((id, seq) -> {
                    if (!sequencer.knows(id)) {
                        sequencer.subscribing(id, OptionalLong.of(seq));
                        link.send(FrameCodec.encode(new ClientFrame.Subscribe(id, OptionalLong.of(seq))));
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

    private void error(ServerFrame.Error e) {
        ChatClientException ex = new ChatClientException(e.code(), e.message(), 0, null);
        if (e.ref().isPresent()) {
            String ref = e.ref().get();
            Pending p = sends.remove(ref);
            if (p != null) {
                p.future().completeExceptionally(ex);
                return;
            }
            CompletableFuture<Void> sub = subscribing.remove(ref);
            if (sub != null) {
                // A refused (re)subscription is dropped rather than retried at every reconnect.
                subscriptions.remove(ref);
                sequencer.forget(ref);
                sub.completeExceptionally(ex);
                dispatcher.error(e.code(), e.message(), e.ref());
                return;
            }
            CompletableFuture<Void> unsub = unsubscribing.remove(ref);
            if (unsub != null) {
                unsub.completeExceptionally(ex);
                return;
            }
        }
        dispatcher.error(e.code(), e.message(), e.ref());
    }

    // ---- delivery and gap filling ----------------------------------------------------------

    private void apply(Sequencer.Outcome outcome, Duration fillDelay) {
        outcome.deliver().forEach(dispatcher::message);
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
                    if (state != ConnectionState.CLOSED) {
                        apply(sequencer.fillFailed(f.room()), FILL_RETRY);
                    }
                }
                return;
            }
            synchronized (lock) {
                if (state != ConnectionState.CLOSED) {
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

    // ---- keep-alive ------------------------------------------------------------------------

    private void startPing(int gen) {
        long period = pingInterval.toNanos();
        ping = timer.scheduleAtFixedRate(() -> {
            synchronized (lock) {
                if (gen != generation || !welcomed) {
                    return;
                }
                if (System.nanoTime() - lastInbound > 2 * period) {
                    dropped("connection lost: no answer from the server for " + pingInterval.multipliedBy(2).toSeconds()
                            + " s");
                } else {
                    link.send(FrameCodec.encode(new ClientFrame.Ping()));
                }
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
