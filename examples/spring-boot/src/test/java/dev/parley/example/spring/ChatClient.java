package dev.parley.example.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The tests' HTTP and WebSocket client for the example at {@code http://127.0.0.1:<port>}. */
final class ChatClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: bcrypt and start-up on a shared 2-core machine

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ChatClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A request to {@code path} (from the context root), with the given headers as name, value pairs. */
    HttpResponse<String> send(String method, String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!java.util.Arrays.asList(headers).contains("Accept")) {
            request.header("Accept", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code multipart/form-data} with one part {@code file}. */
    HttpResponse<String> upload(String path, String fileName, byte[] content, String... headers) throws IOException, InterruptedException {
        String boundary = "parley-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String body(Map<String, ?> fields) throws IOException {
        return JSON.writeValueAsString(fields);
    }

    /** Registers and logs in {@code username}; its bearer token. */
    String token(String username) throws IOException, InterruptedException {
        String credentials = body(Map.of("username", username, "password", "secret-password"));
        HttpResponse<String> registered = send("POST", "/chat/api/auth/register", credentials);
        if (registered.statusCode() != 201) {
            throw new AssertionError("register: " + registered.statusCode() + " " + registered.body());
        }
        HttpResponse<String> login = send("POST", "/chat/api/auth/login", credentials);
        if (login.statusCode() != 200) {
            throw new AssertionError("login: " + login.statusCode() + " " + login.body());
        }
        return json(login).get("token").asText();
    }

    /** Opens {@code /chat/ws}{@code query} with the given handshake headers. */
    Socket socket(String query, String... headers) {
        Socket socket = new Socket();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        socket.ws = builder.buildAsync(URI.create(base.replace("http:", "ws:") + "/chat/ws" + query), socket).join();
        return socket;
    }

    /** The status a refused handshake was answered with. */
    static int refusedStatus(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
        }
        throw new AssertionError("not a refused handshake", failure);
    }

    /** A WebSocket whose text frames are kept, as JSON, until a test takes them. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final java.util.List<JsonNode> frames = new java.util.ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame;
                try {
                    frame = JSON.readTree(partial.toString());
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                }
                partial.setLength(0);
                synchronized (frames) {
                    frames.add(frame);
                    frames.notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }

        void send(Map<String, ?> frame) throws IOException {
            ws.sendText(JSON.writeValueAsString(frame), true).join();
        }

        /**
         * Takes the earliest frame received of one of {@code types}, leaving the others for later
         * calls (a broadcast may arrive before the ack); fails after 30 s.
         */
        JsonNode next(String... types) throws InterruptedException {
            java.util.List<String> wanted = java.util.List.of(types);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            synchronized (frames) {
                while (true) {
                    for (java.util.Iterator<JsonNode> it = frames.iterator(); it.hasNext(); ) {
                        JsonNode frame = it.next();
                        if (wanted.contains(frame.path("type").asText())) {
                            it.remove();
                            return frame;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("no " + wanted + " frame within " + TIMEOUT + "; got " + frames);
                    }
                    TimeUnit.NANOSECONDS.timedWait(frames, left);
                }
            }
        }

        @Override
        public void close() {
            CompletableFuture<WebSocket> closing = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            closing.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
