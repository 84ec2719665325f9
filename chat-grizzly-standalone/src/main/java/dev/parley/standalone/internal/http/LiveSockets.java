package dev.parley.standalone.internal.http;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open WebSocket sessions of the {@code /ws} endpoint: it pings each one every interval and
 * closes a session that answered none of {@value #MISSED_PINGS_ALLOWED} pings in a row (a peer
 * that vanished without closing its TCP connection), and lets shutdown wait until every session
 * has closed.
 *
 * <p>It wraps the Jakarta endpoint rather than replacing it ({@link #wrap}): each connection
 * still gets the endpoint instance the original configurator makes. Thread-safe; the pings go
 * out from one daemon thread, as asynchronous sends that never block it.
 */
public final class LiveSockets implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveSockets.class.getName());
    static final int MISSED_PINGS_ALLOWED = 2;
    private static final byte[] PING = "parley".getBytes(StandardCharsets.US_ASCII);

    private final Map<Session, AtomicInteger> unanswered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Object changes = new Object();

    public LiveSockets(Duration pingInterval) {
        long millis = pingInterval.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-ws-ping");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pingAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The number of open sessions. */
    public int count() {
        return unanswered.size();
    }

    /**
     * Waits until every session has closed, or {@code timeout} passes.
     *
     * @return whether none is left open
     */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!unanswered.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                changes.wait(left);
            }
            return true;
        }
    }

    /** Stops pinging; the sessions stay as they are. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void pingAll() {
        for (Map.Entry<Session, AtomicInteger> entry : unanswered.entrySet()) {
            Session session = entry.getKey();
            if (!session.isOpen()) {
                closed(session);
            } else if (entry.getValue().getAndIncrement() >= MISSED_PINGS_ALLOWED) {
                LOG.fine(() -> "closing WebSocket session " + session.getId() + ": no answer to " + MISSED_PINGS_ALLOWED + " pings");
                closed(session);
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings"));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "closing a silent WebSocket session failed", e);
                }
            } else {
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
                } catch (IOException | RuntimeException e) {
                    // a session closing under our feet: its onClose removes it
                    LOG.log(Level.FINE, "pinging a WebSocket session failed", e);
                }
            }
        }
    }

    private void opened(Session session) {
        unanswered.put(session, new AtomicInteger());
    }

    private void ponged(Session session) {
        AtomicInteger count = unanswered.get(session);
        if (count != null) {
            count.set(0);
        }
    }

    private void closed(Session session) {
        if (unanswered.remove(session) != null) {
            synchronized (changes) {
                changes.notifyAll();
            }
        }
    }

    /**
     * The same endpoint at the same path, made by the same configurator, with this registry
     * watching each session.
     */
    public ServerEndpointConfig wrap(ServerEndpointConfig inner) {
        ServerEndpointConfig.Configurator innerConfigurator = inner.getConfigurator();
        ServerEndpointConfig wrapped = ServerEndpointConfig.Builder.create(Watched.class, inner.getPath())
                .subprotocols(inner.getSubprotocols())
                .extensions(inner.getExtensions())
                .encoders(inner.getEncoders())
                .decoders(inner.getDecoders())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
                        innerConfigurator.modifyHandshake(config, request, response);
                    }

                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        // HandshakeGate checked it, knowing the Host header this method is not told
                        return true;
                    }

                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
                        Endpoint endpoint = innerConfigurator.getEndpointInstance(inner.getEndpointClass().asSubclass(Endpoint.class));
                        return endpointClass.cast(new Watched(endpoint, LiveSockets.this));
                    }
                })
                .build();
        wrapped.getUserProperties().putAll(inner.getUserProperties());
        return wrapped;
    }

    /** The wrapped endpoint: delegates everything and reports the session's life to the registry. */
    public static final class Watched extends Endpoint {
        private final Endpoint inner;
        private final LiveSockets sockets;

        Watched(Endpoint inner, LiveSockets sockets) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.sockets = Objects.requireNonNull(sockets, "sockets");
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            inner.onOpen(session, config);
            if (session.isOpen()) {
                sockets.opened(session);
                session.addMessageHandler(PongMessage.class, pong -> sockets.ponged(session));
            }
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            try {
                inner.onClose(session, closeReason);
            } finally {
                sockets.closed(session);
            }
        }

        @Override
        public void onError(Session session, Throwable thr) {
            inner.onError(session, thr);
        }
    }
}
