package dev.parley.jakarta.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A real WebSocket client (java.net.http) that queues every frame it receives for the test to await. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static WsClient connect(HttpClient http, URI uri) {
        return connect(http, uri, null);
    }

    /** Connects, sending {@code Authorization: Bearer} on the handshake when a token is given. */
    static WsClient connect(HttpClient http, URI uri, String bearerToken) {
        return connect(http, uri, bearerToken, null);
    }

    /** Connects as a page of {@code origin} would (a null one sends no {@code Origin}, as non-browser clients do). */
    static WsClient connect(HttpClient http, URI uri, String bearerToken, String origin) {
        WsClient client = new WsClient();
        client.socket = builder(http, bearerToken, origin).buildAsync(uri, client).join();
        return client;
    }

    /** A handshake builder with the optional {@code Authorization: Bearer} and {@code Origin} headers. */
    static WebSocket.Builder builder(HttpClient http, String bearerToken, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(JsonObject frame) {
        send(frame.toString());
    }

    /** The next frame satisfying {@code wanted}, skipping others (presence, typing...). */
    JsonObject await(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(frame, "no " + what + " within " + WAIT);
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    JsonObject awaitType(String type) throws InterruptedException {
        return await(f -> type.equals(f.getString("type", "")), "'" + type + "' frame");
    }

    CompletableFuture<Integer> closedWith() {
        return closedWith;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                frames.add(reader.readObject());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
