package dev.parley.bench.loadgen;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The few REST calls of Parley's contract the benchmarks need (register, login, rooms, posting, history),
 * over the JDK HTTP client. A refused call fails with the status and body the server answered.
 * Thread-safe.
 */
final class ParleyApi {
    static final String PASSWORD = "bench-password-1";
    private final Target target;
    private final HttpClient http;

    ParleyApi(Target target) {
        this.target = target;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Registers {@code username}; an existing one (409) is fine, so a rerun against the same data works. */
    void register(String username) {
        call("POST", "/api/auth/register", null, credentials(username), Set.of(201, 409));
    }

    /** Logs in and returns the bearer token. */
    String login(String username) {
        return json(call("POST", "/api/auth/login", null, credentials(username), Set.of(200))).getString("token");
    }

    /** Creates a public room owned by the caller; one that exists already (409) is fine. */
    void createRoom(String token, String id) {
        call("POST", "/api/rooms", token, "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"visibility\":\"public\"}",
                Set.of(201, 409));
    }

    /** Joins a public room (the owner is a member already, and joining twice is harmless). */
    void join(String token, String room) {
        call("POST", "/api/rooms/" + room + "/join", token, "", Set.of(200, 409));
    }

    /** Posts a chat message to a room and returns its id (read from the 201 answer). */
    long post(String token, String room, String text) {
        String body = Json.createObjectBuilder().add("text", text).build().toString();
        return json(call("POST", "/api/rooms/" + room + "/messages", token, body, Set.of(201))).getJsonNumber("id")
                .longValue();
    }

    /**
     * One history page, e.g. {@code limit=50} or {@code before=500000&limit=50}; returns the body's
     * length after checking the call succeeded.
     */
    int history(String token, String room, String query) {
        return call("GET", "/api/rooms/" + room + "/messages?" + query, token, null, Set.of(200)).length();
    }

    /** The {@code lastSeq} the newest message of a room has (0 for none), read from its latest page. */
    long lastSeq(String token, String room) {
        var messages = json(call("GET", "/api/rooms/" + room + "/messages?limit=1", token, null, Set.of(200)))
                .getJsonArray("messages");
        return messages.isEmpty() ? 0 : messages.getJsonObject(0).getJsonNumber("seq").longValue();
    }

    /** The WebSocket URI for a token, on the first node. */
    URI socket(String token) {
        return socket(token, 0);
    }

    /** The WebSocket URI for a token on node {@code i % nodes} (tokens live in the shared database). */
    URI socket(String token, int i) {
        return target.uri(i, "ws", "/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private String call(String method, String path, String token, String body, Set<Integer> ok) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.uri("http", path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (!ok.contains(r.statusCode())) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
