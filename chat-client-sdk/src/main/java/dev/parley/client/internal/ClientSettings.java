package dev.parley.client.internal;

import dev.parley.client.ChatListener;
import dev.parley.client.ReconnectPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * Everything a {@link dev.parley.client.ChatClient.Builder} collected, already validated.
 *
 * @param servers          base URLs (http or https), at least one: the nodes of one cluster, tried in this order
 * @param username         login name, with {@code password}
 * @param password         login password, with {@code username}
 * @param token            a bearer token to start with
 * @param connectTimeout   TCP connect timeout
 * @param requestTimeout   REST answer timeout
 * @param pingInterval     keep-alive ping period of the live connection
 * @param reconnect        reconnect policy
 * @param listener         receives live events
 * @param callbackExecutor where callbacks run; empty for a thread owned by the client
 * @param recentPerRoom    how many messages per room the state cache keeps
 * @param sslContext       the TLS context for https servers; empty for the JDK's default
 */
public record ClientSettings(List<URI> servers, Optional<String> username, Optional<String> password, Optional<String> token,
                             Duration connectTimeout, Duration requestTimeout, Duration pingInterval,
                             ReconnectPolicy reconnect, ChatListener listener, Optional<Executor> callbackExecutor,
                             int recentPerRoom, Optional<SSLContext> sslContext) {

    public ClientSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(sslContext, "sslContext");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is required");
        }
    }

    /** Whether the client can log in by itself. */
    public boolean hasCredentials() {
        return username.isPresent() && password.isPresent();
    }
}
