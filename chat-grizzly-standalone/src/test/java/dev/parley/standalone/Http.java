package dev.parley.standalone;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A small JSON-over-HTTP client for the tests, on java.net.http. */
final class Http {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** An answer: status, headers and the raw body. */
    record Reply(int status, HttpHeaders headers, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonValue json() {
            try (var reader = Json.createReader(new StringReader(text()))) {
                return reader.readValue();
            }
        }

        JsonObject object() {
            return json().asJsonObject();
        }

        JsonArray array() {
            return json().asJsonArray();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply get(String path) {
        return get(path, null);
    }

    Reply post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply post(String path, String token, JsonStructure body) {
        return post(path, token, body.toString());
    }

    Reply patch(String path, String token, JsonStructure body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    Reply put(String path, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    Reply put(String path, String token, JsonStructure body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** {@code multipart/form-data} with one file field named {@code file}. */
    Reply upload(String path, String token, String fileName, String contentType, byte[] content) {
        String boundary = "parley-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** Registers and logs in; the token. */
    String login(String username) {
        JsonObject credentials = Json.createObjectBuilder(Map.of("username", username, "password", "secret-" + username)).build();
        Reply registered = post("/api/auth/register", null, credentials);
        if (registered.status() != 201 && registered.status() != 409) {
            throw new AssertionError("register " + username + ": " + registered);
        }
        Reply login = post("/api/auth/login", null, credentials);
        if (login.status() != 200) {
            throw new AssertionError("login " + username + ": " + login);
        }
        return login.object().getString("token");
    }

    static JsonObject json(String key, Object value, Object... more) {
        var builder = Json.createObjectBuilder().add(key, String.valueOf(value));
        for (int i = 0; i + 1 < more.length; i += 2) {
            builder.add(String.valueOf(more[i]), String.valueOf(more[i + 1]));
        }
        return builder.build();
    }

    /** Creates a room of {@code ownerToken} with these members (by username); its id. */
    String createRoom(String ownerToken, String id, String visibility, String... members) {
        var list = Json.createArrayBuilder();
        for (String m : members) {
            list.add(m);
        }
        Reply created = post("/api/rooms", ownerToken, Json.createObjectBuilder().add("id", id)
                .add("visibility", visibility).add("members", list).build());
        if (created.status() != 201) {
            throw new AssertionError("create room " + id + ": " + created);
        }
        return id;
    }

    /** Posts a message to a room, asserting 201; the stored message. */
    JsonObject postMessage(String token, String room, JsonObject body) {
        Reply r = post("/api/rooms/" + room + "/messages", token, body);
        if (r.status() != 201) {
            throw new AssertionError("post to " + room + ": " + r);
        }
        return r.object();
    }

    /** The seq of the room's newest entry, as {@code token}'s user reads it. */
    long lastSeq(String token, String room) {
        JsonArray messages = get("/api/rooms/" + room + "/messages?limit=1", token).object().getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1).getJsonNumber("seq").longValue();
    }

    /** Asserts the contract's error reply: this status, this code, and a message that says something. */
    static void assertError(int status, String code, Reply reply) {
        org.junit.jupiter.api.Assertions.assertEquals(status, reply.status(), reply.text());
        org.junit.jupiter.api.Assertions.assertEquals(code, reply.object().getString("error"), reply.text());
        org.junit.jupiter.api.Assertions.assertFalse(reply.object().getString("message").isBlank(), reply.text());
    }
}
