package dev.parley.client.internal;

import dev.parley.client.ChatListener;
import dev.parley.client.ReconnectPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Everything a {@link dev.parley.client.ChatClient.Builder} collected, already validated.
 *
 * @param server           base URL (http or https)
 * @param username         login name, with {@code password}
 * @param password         login password, with {@code username}
 * @param token            a bearer token to start with
 * @param connectTimeout   TCP connect timeout
 * @param requestTimeout   REST answer timeout
 * @param pingInterval     keep-alive ping period of the live connection
 * @param reconnect        reconnect policy
 * @param listener         receives live events
 * @param callbackExecutor where callbacks run; empty for a thread owned by the client
 */
public record ClientSettings(URI server, Optional<String> username, Optional<String> password, Optional<String> token,
                             Duration connectTimeout, Duration requestTimeout, Duration pingInterval,
                             ReconnectPolicy reconnect, ChatListener listener, Optional<Executor> callbackExecutor) {

    /** Whether the client can log in by itself. */
    public boolean hasCredentials() {
        return username.isPresent() && password.isPresent();
    }

    /** The base URL as a string without a trailing slash, so that paths can be appended. */
    String base() {
        String s = server.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The {@code /ws} endpoint: ws:// for http, wss:// for https. */
    URI webSocketUri() {
        String base = base();
        String ws = base.regionMatches(true, 0, "https:", 0, 6) ? "wss:" + base.substring(6) : "ws:" + base.substring(5);
        return URI.create(ws + "/ws");
    }
}
