package dev.parley.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} on {@link java.net.http.WebSocket}, authenticating with a bearer header. Each
 * connection goes to the {@link Endpoints}' current server.
 */
final class JdkWebSocketTransport implements Transport {
    private final HttpClient http;
    private final Endpoints endpoints;
    private final Duration connectTimeout;

    JdkWebSocketTransport(HttpClient http, Endpoints endpoints, Duration connectTimeout) {
        this.http = http;
        this.endpoints = endpoints;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Link open(String token, Listener listener) {
        URI server = endpoints.current();
        JdkLink link = new JdkLink(listener, () -> endpoints.failed(server));
        http.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .header("Authorization", "Bearer " + token)
                .buildAsync(Endpoints.webSocketUri(server), link)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        link.failedToOpen(unwrap(error));
                    }
                });
        return link;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WebSocketHandshakeException h) {
            return new HandshakeRefused(h.getResponse().statusCode());
        }
        return t;
    }

    /** One WebSocket: joins partial texts and keeps sends in order, as the JDK allows one send at a time. */
    private static final class JdkLink implements Link, WebSocket.Listener {
        private final Listener listener;
        private final Runnable avoid;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private boolean ended;
        private boolean dropped; // closed or aborted by the session, possibly before the socket opened

        JdkLink(Listener listener, Runnable avoid) {
            this.listener = listener;
            this.avoid = avoid;
        }

        @Override
        public void avoidServer() {
            avoid.run();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (this) {
                ws = webSocket;
                if (dropped) {
                    webSocket.abort();
                    return;
                }
            }
            listener.onOpen();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                listener.onText(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1); // the contract has no binary frames
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (end()) {
                listener.onClosed(statusCode, reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (end()) {
                listener.onFailure(error);
            }
        }

        void failedToOpen(Throwable error) {
            if (end()) {
                listener.onFailure(error);
            }
        }

        private synchronized boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }

        @Override
        public synchronized void send(String text) {
            WebSocket w = ws;
            if (w == null || ended) {
                return;
            }
            // A failed send fails the connection. The JDK calls no listener method after abort(), so
            // the failure is reported here, or the session would wait forever on a dead socket.
            sending = sending.thenCompose(x -> w.sendText(text, true))
                    .exceptionally(e -> {
                        if (end()) {
                            listener.onFailure(unwrap(e));
                        }
                        w.abort();
                        return null;
                    });
        }

        @Override
        public void close() {
            WebSocket w;
            synchronized (this) {
                w = ws;
                ended = true;
                dropped = true;
                if (w == null) {
                    return;
                }
                sending = sending.thenCompose(x -> w.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
            }
            // Do not wait for the server's close frame longer than needed.
            CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(w::abort);
        }

        @Override
        public void abort() {
            WebSocket w;
            synchronized (this) {
                w = ws;
                ended = true;
                dropped = true;
            }
            if (w != null) {
                w.abort();
            }
        }
    }
}
