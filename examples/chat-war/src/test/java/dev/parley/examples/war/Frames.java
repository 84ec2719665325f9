package dev.parley.examples.war;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A real WebSocket client (java.net.http) that queues the JSON frames it receives for the test to await. */
final class Frames implements WebSocket.Listener, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final List<JsonObject> unclaimed = new ArrayList<>();   // the test thread's only
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Frames connect(HttpClient http, URI uri) {
        return connect(http, uri, Map.of());
    }

    /** Connects with these extra handshake headers (such as {@code Origin} or {@code Cookie}). */
    static Frames connect(HttpClient http, URI uri, Map<String, String> headers) {
        Frames frames = new Frames();
        frames.socket = builder(http, headers).buildAsync(uri, frames).join();
        return frames;
    }

    /** The status and body the server refused a handshake with these headers with; fails if it was accepted. */
    static HttpResponse<?> refusal(HttpClient http, URI uri, Map<String, String> headers) {
        CompletionException failure = assertThrows(CompletionException.class,
                () -> builder(http, headers).buildAsync(uri, new Frames()).join().abort());
        return assertInstanceOf(WebSocketHandshakeException.class, failure.getCause()).getResponse();
    }

    private static WebSocket.Builder builder(HttpClient http, Map<String, String> headers) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        return builder;
    }

    void send(JsonObject frame) {
        socket.sendText(frame.toString(), true).join();
    }

    /**
     * The first frame of this type not awaited yet, in arrival order whatever came in between (an
     * ack and the echoed message may come either way round); fails on an error frame, or after ten seconds.
     */
    JsonObject await(String type) throws InterruptedException {
        for (Iterator<JsonObject> it = unclaimed.iterator(); it.hasNext(); ) {
            JsonObject frame = it.next();
            if (type.equals(frame.getString("type", ""))) {
                it.remove();
                return frame;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject frame = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(frame, "no '" + type + "' frame within " + WAIT + "; unclaimed: " + unclaimed);
            assertNotEquals("error", frame.getString("type", ""), () -> "waiting for '" + type + "', got " + frame);
            if (type.equals(frame.getString("type", ""))) {
                return frame;
            }
            unclaimed.add(frame);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                received.add(reader.readObject());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
