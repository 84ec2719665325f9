package dev.parley.standalone;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A test WebSocket client on java.net.http: collects JSON frames, pings and the close code. */
final class WsClient implements AutoCloseable {
    private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<JsonObject> backlog = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final AtomicInteger pings = new AtomicInteger();
    final CompletableFuture<Void> firstPing = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(WebSocket.Builder builder, URI uri) {
        Listener listener = new Listener();
        this.socket = builder.buildAsync(uri, listener).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Opens {@code /ws?token=...} on the server at {@code base}. */
    static WsClient open(URI base, String token) {
        return new WsClient(HttpClient.newHttpClient().newWebSocketBuilder(), ws(base, "?token=" + token));
    }

    /** Opens {@code /ws?token=...} with a builder carrying extra headers. */
    static WsClient open(WebSocket.Builder builder, URI base, String token) {
        return new WsClient(builder, ws(base, "?token=" + token));
    }

    /** Opens {@code /ws} with an {@code Authorization: Bearer} header. */
    static WsClient openWithHeader(URI base, String token) {
        return new WsClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token),
                ws(base, ""));
    }

    static URI ws(URI base, String query) {
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss://" : "ws://";
        return URI.create(scheme + base.getHost() + ":" + base.getPort() + "/ws" + query);
    }

    /** The handshake's failure, for a handshake expected to be refused. */
    static Throwable refusal(WebSocket.Builder builder, URI uri) {
        try {
            WebSocket ws = builder.buildAsync(uri, new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS);
            ws.abort();
            throw new AssertionError("the handshake was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void send(JsonObject frame) {
        socket.sendText(frame.toString(), true).join();
    }

    /**
     * The first frame matching {@code test}, in arrival order: frames skipped by earlier calls are
     * searched first, so waits for frames of unknown relative order work. Fails after {@code timeout}.
     */
    JsonObject await(Predicate<JsonObject> test, Duration timeout) {
        for (var it = backlog.iterator(); it.hasNext(); ) {
            JsonObject frame = it.next();
            if (test.test(frame)) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + timeout + "; unmatched: " + backlog);
                }
                if (test.test(frame)) {
                    return frame;
                }
                backlog.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonObject await(Predicate<JsonObject> test) {
        return await(test, Duration.ofSeconds(15));
    }

    static Predicate<JsonObject> type(String type) {
        return f -> type.equals(f.getString("type", ""));
    }

    /** A {@code message} frame whose message has this text. */
    static Predicate<JsonObject> messageWithText(String text) {
        return f -> "message".equals(f.getString("type", "")) && text.equals(f.getJsonObject("message").getString("text", null));
    }

    int closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket did not close within " + timeout, e);
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (CompletionException e) {
                socket.abort();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    frames.add(reader.readObject());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            firstPing.complete(null);
            return WebSocket.Listener.super.onPing(webSocket, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    static JsonObject frame(String type, String... keyValues) {
        var builder = Json.createObjectBuilder().add("type", type);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            builder.add(keyValues[i], keyValues[i + 1]);
        }
        return builder.build();
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
