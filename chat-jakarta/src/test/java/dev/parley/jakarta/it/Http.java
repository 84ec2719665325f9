package dev.parley.jakarta.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small HTTP client for the contract: JSON in, status and JSON out, bearer token optional. */
final class Http {
    // HTTP/1.1: the JDK client otherwise offers an h2c upgrade on cleartext, which the server may end with EOF.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** An answer: status, headers and body text. */
    record Answer(int status, HttpResponse<String> response) {
        Answer withStatus() {
            return new Answer(response.statusCode(), response);
        }

        String body() {
            return response.body();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        JsonObject json() {
            assertJsonType();
            try (JsonReader reader = Json.createReader(new StringReader(body()))) {
                return reader.readObject();
            }
        }

        JsonArray array() {
            assertJsonType();
            try (JsonReader reader = Json.createReader(new StringReader(body()))) {
                return reader.readArray();
            }
        }

        private void assertJsonType() {
            String type = header("Content-Type").orElse("");
            assertTrue(type.startsWith("application/json"), "Content-Type was '" + type + "' for " + body());
        }

        /** Asserts the contract's error answer: this status, this code, a message. */
        Answer assertError(int expectedStatus, String code) {
            assertEquals(expectedStatus, status, body());
            JsonObject error = json();
            assertEquals(code, error.getString("error"), body());
            assertTrue(!error.getString("message").isBlank(), body());
            return this;
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer post(String path, String token, JsonStructure body) {
        return post(path, token, body.toString());
    }

    Answer post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer patch(String path, String token, JsonStructure body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Answer put(String path, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(40));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Answer send(HttpRequest.Builder request) {
        try {
            return new Answer(0, client.send(request.build(), HttpResponse.BodyHandlers.ofString())).withStatus();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> bytes(String path, String token) {
        try {
            return client.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }

    /** Registers (201 expected) and logs in; the token. */
    String registerAndLogin(String username) {
        JsonObject credentials = Json.createObjectBuilder().add("username", username).add("password", "correct horse").build();
        assertEquals(201, post("/api/auth/register", null, credentials).status());
        Answer login = post("/api/auth/login", null, credentials);
        assertEquals(200, login.status(), login.body());
        return login.json().getString("token");
    }
}
