package dev.parley.client.internal;

import dev.parley.protocol.internal.JsonFields;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.internal.ModelJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The REST half of the client: requests on {@link HttpClient}, bodies through chat-core's
 * {@link ModelJson}, and the bearer token. An authenticated request refused with 401 is tried once
 * more after a fresh login when the client has credentials; if the token is still refused, the
 * {@code tokenRefused} hook hears of it (the live session closes) and the call throws UNAUTHORIZED.
 *
 * <p>With several servers ({@link Endpoints}), a request whose connection cannot be opened (refused,
 * or no TCP connection within the connect timeout) goes to the next server, each server once at most:
 * the request never reached the first one. A GET is also tried on the next server when the connection
 * breaks before the answer, since reading twice does no harm; any other request that may have reached
 * its server is not repeated, and an HTTP error answer is never retried elsewhere.
 *
 * <p>Thread-safe; every call blocks its caller for one exchange (two with a re-login).
 */
final class HttpApi {
    /** How much of a non-JSON error body goes into an exception message. */
    private static final int SNIPPET = 200;

    private final ClientSettings settings;
    private final HttpClient http;
    private final Endpoints endpoints;
    private final Object loginLock = new Object();
    private volatile String token;
    /** The password to log in with: the configured one until {@link #passwordChanged}. */
    private volatile Optional<String> password;
    private volatile Consumer<String> tokenRefused = reason -> {
    };

    HttpApi(ClientSettings settings, HttpClient http, Endpoints endpoints) {
        this.settings = settings;
        this.http = http;
        this.endpoints = endpoints;
        this.token = settings.token().orElse(null);
        this.password = settings.password();
    }

    /** The user's password changed (through this client): log in with the new one from now on. */
    void passwordChanged(String next) {
        if (settings.hasCredentials()) {
            password = Optional.of(next);
        }
    }

    /** Who hears that the server refused the token for good. */
    void onTokenRefused(Consumer<String> hook) {
        this.tokenRefused = Objects.requireNonNull(hook);
    }

    String currentToken() {
        return token;
    }

    void forgetToken() {
        token = null;
    }

    // ---- auth ------------------------------------------------------------------------------

    /** Logs in with the configured credentials and keeps the token. */
    LoginResult login() {
        if (!settings.hasCredentials()) {
            throw new IllegalStateException("the client has no credentials: build it with credentials(username, password)");
        }
        synchronized (loginLock) {
            JsonObject body = Json.createObjectBuilder()
                    .add("username", settings.username().get())
                    .add("password", password.orElseThrow())
                    .build();
            LoginResult r = read(call("POST", "/api/auth/login", json(body), false, true), ModelJson::login);
            token = r.token();
            return r;
        }
    }

    /**
     * A token to use: the current one, or one from a login when there is none yet.
     *
     * @throws ChatClientException UNAUTHORIZED when there is neither a token nor credentials
     */
    String token() {
        String t = token;
        if (t != null) {
            return t;
        }
        if (!settings.hasCredentials()) {
            throw new ChatClientException(ErrorCode.UNAUTHORIZED,
                    "not logged in: build the client with credentials or a token", 0, null);
        }
        synchronized (loginLock) {
            return token != null ? token : login().token();
        }
    }

    /** A fresh token after {@code refused} was refused; another thread may have got one already. */
    String relogin(String refused) {
        synchronized (loginLock) {
            String t = token;
            if (t != null && !t.equals(refused)) {
                return t;
            }
            return login().token();
        }
    }

    // ---- requests --------------------------------------------------------------------------

    /** A JSON request body. */
    static Supplier<BodyPublisher> json(JsonValue body) {
        String text = body instanceof jakarta.json.JsonStructure s ? JsonFields.write(s) : body.toString();
        return () -> BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    /** GET, POST, ... a path with a JSON (or no) body, answering with the response text. */
    HttpResponse<String> call(String method, String path, Supplier<BodyPublisher> body, boolean authenticated,
                              boolean retryable) {
        return exchange(method, path, body, "application/json", settings.requestTimeout(), authenticated, retryable,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), HttpApi::textOf);
    }

    /**
     * One exchange with the 401 handling described on the class. {@code errorText} reads an error
     * response's body so that its code and message can be reported.
     */
    <T> HttpResponse<T> exchange(String method, String path, Supplier<BodyPublisher> body, String contentType,
                                 Duration timeout, boolean authenticated, boolean retryable, BodyHandler<T> handler,
                                 Function<HttpResponse<T>, String> errorText) {
        String used = authenticated ? token() : null;
        // A body that cannot be supplied again (a caller's stream) is sent to one server only.
        boolean replayable = body == null || retryable;
        HttpResponse<T> response = send(method, path, body, contentType, timeout, used, handler, replayable);
        if (authenticated && response.statusCode() == 401) {
            String refusal = errorText.apply(response);
            if (settings.hasCredentials() && retryable) {
                String fresh;
                try {
                    fresh = relogin(used);
                } catch (ChatClientException e) {
                    if (e.code() == ErrorCode.UNAUTHORIZED) {
                        tokenRefused.accept("token refused and login failed: " + e.getMessage());
                    }
                    throw e;
                }
                response = send(method, path, body, contentType, timeout, fresh, handler, replayable);
                if (response.statusCode() == 401) {
                    refusal = errorText.apply(response);
                }
            }
            if (response.statusCode() == 401) {
                ChatClientException e = error(401, refusal);
                tokenRefused.accept("token refused: " + e.getMessage());
                throw e;
            }
        }
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), errorText.apply(response));
        }
        return response;
    }

    private HttpRequest request(URI server, String method, String path, Supplier<BodyPublisher> body,
                                String contentType, Duration timeout, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Endpoints.base(server) + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            b.method(method, BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, body.get());
        }
        return b.build();
    }

    /** One exchange, moving to the next server as the class comment says. */
    private <T> HttpResponse<T> send(String method, String path, Supplier<BodyPublisher> body, String contentType,
                                     Duration timeout, String bearer, BodyHandler<T> handler, boolean replayable) {
        for (int tried = 1; ; tried++) {
            URI server = endpoints.current();
            String base = Endpoints.base(server);
            try {
                return http.send(request(server, method, path, body, contentType, timeout, bearer), handler);
            } catch (HttpTimeoutException e) {
                if (!(e instanceof HttpConnectTimeoutException)) {
                    // Connected but no answer in time: the server may still act on the request.
                    throw new ChatClientException(ErrorCode.UNAVAILABLE, "no answer from " + base + " within "
                            + timeout, 0, e);
                }
                endpoints.failed(server);
                if (!replayable || tried >= endpoints.size()) {
                    throw new ChatClientException(ErrorCode.UNAVAILABLE, "cannot reach " + base + ": " + describe(e), 0, e);
                }
            } catch (IOException e) {
                endpoints.failed(server);
                boolean neverSent = e instanceof ConnectException;
                if (!replayable || tried >= endpoints.size() || !(neverSent || "GET".equals(method))) {
                    throw new ChatClientException(ErrorCode.UNAVAILABLE, "cannot reach " + base + ": " + describe(e), 0, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatClientException(ErrorCode.UNAVAILABLE, "interrupted while waiting for " + base, 0, e);
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    // ---- bodies ----------------------------------------------------------------------------

    /** The contract's error for a status and body: its {@code error} and {@code message} when it has them. */
    static ChatClientException error(int status, String body) {
        try {
            JsonObject o = JsonFields.parseObject(body);
            if (o.get("error") instanceof JsonString code && o.get("message") instanceof JsonString message) {
                for (ErrorCode c : ErrorCode.values()) {
                    if (c.name().equals(code.getString())) {
                        return new ChatClientException(c, message.getString(), status, null);
                    }
                }
            }
        } catch (ChatException e) {
            // not a contract error body (a proxy's HTML page, say): report the status and a snippet
        }
        String snippet = body == null ? "" : body.strip();
        if (snippet.length() > SNIPPET) {
            snippet = snippet.substring(0, SNIPPET) + "...";
        }
        return new ChatClientException(ErrorCode.forHttpStatus(status),
                "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet), status, null);
    }

    /** Reads a JSON object answer with a ModelJson reader. */
    static <T> T read(HttpResponse<String> response, Function<JsonObject, T> reader) {
        try {
            return reader.apply(JsonFields.parseObject(response.body()));
        } catch (ChatException e) {
            throw unexpected(e.getMessage());
        }
    }

    /** Reads a JSON array answer, each element with {@code reader}. */
    static <T> java.util.List<T> readArray(HttpResponse<String> response, Function<JsonObject, T> reader) {
        JsonArray array;
        try (JsonReader r = Json.createReader(new StringReader(response.body()))) {
            array = r.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw unexpected("expected a JSON array");
        }
        java.util.List<T> out = new java.util.ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject o)) {
                throw unexpected("expected an array of objects");
            }
            try {
                out.add(reader.apply(o));
            } catch (ChatException e) {
                throw unexpected(e.getMessage());
            }
        }
        return out;
    }

    static ChatClientException unexpected(String what) {
        return new ChatClientException(ErrorCode.INTERNAL, "unexpected answer from the server: " + what, 0, null);
    }

    private static String textOf(HttpResponse<String> response) {
        return response.body();
    }

    /** The body of an error response that came as a stream, read up to a few KiB. */
    static String textOfStream(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(8192), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
