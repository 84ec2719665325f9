package dev.parley.jakarta;

import dev.parley.core.Chat;
import dev.parley.core.spi.Connection;
import dev.parley.jakarta.internal.edge.HandshakeFilter;
import dev.parley.jakarta.internal.edge.Origins;
import dev.parley.jakarta.internal.ws.ParleyConfigurator;

import jakarta.servlet.Filter;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Parley's {@code /ws} endpoint for any {@code jakarta.websocket} 2.1 container (a servlet
 * container's, or Tyrus on Grizzly in the standalone server).
 *
 * <p>The endpoint authenticates each connection with {@code ?token=}, an
 * {@code Authorization: Bearer} header, or the container's principal, and closes it with 1008
 * when none is valid. In a servlet container, also map {@link #handshakeFilter} to {@link #PATH}
 * ahead of the container's upgrade (the bundled listener does both): it refuses a handshake
 * without valid credentials with 401, and one from a page of a foreign origin with 403, before
 * any session opens. The filter is where the origin is checked: without it, a page of any site
 * could open a socket as the user the container's session cookie names.
 *
 * <p>Threading: one endpoint instance per connection; frames are handed to the engine, which
 * processes them on its executor, never on the container's I/O thread.
 */
public final class ParleyWebSocket {
    /** The path of the endpoint, relative to the context root. */
    public static final String PATH = "/ws";

    private ParleyWebSocket() {
    }

    /** The endpoint's configuration at {@link #PATH}, for {@code ServerContainer.addEndpoint}. */
    public static ServerEndpointConfig endpointConfig(Chat chat) {
        return ParleyConfigurator.endpointConfig(chat, PATH, (session, standard) -> standard);
    }

    /**
     * The endpoint's configuration at {@code path} instead of {@link #PATH}, for a host that serves
     * Parley under a prefix of its own (the Spring Boot starter's {@code /chat/ws}).
     *
     * @param path the endpoint's path relative to the context root, starting with {@code /}
     * @throws IllegalArgumentException when {@code path} does not start with {@code /}
     */
    public static ServerEndpointConfig endpointConfig(Chat chat, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a WebSocket path starts with '/', got " + path);
        }
        return ParleyConfigurator.endpointConfig(chat, path, (session, standard) -> standard);
    }

    /**
     * The endpoint's configuration at {@link #PATH}, writing through connections of the caller's
     * making: a container adapter that can write pre-encoded frames (see
     * {@link Connection#send(dev.parley.core.spi.OutboundFrame)}) wraps the standard connection,
     * which sends text through the session's asynchronous remote, and delegates what it does not
     * do itself (closing, at least) to it.
     *
     * @param connections given each opened session and its standard connection, returns the
     *                    connection the engine writes to; called on the container's thread
     *                    during {@code onOpen}, so it must not block
     */
    public static ServerEndpointConfig endpointConfig(Chat chat, BiFunction<Session, Connection, Connection> connections) {
        return ParleyConfigurator.endpointConfig(chat, PATH, connections);
    }

    /**
     * A servlet filter for {@link #PATH} that answers, with the contract's body, 403 to a
     * handshake from a page of another origin than the request's own and 401 to one without valid
     * credentials. Handshakes without an {@code Origin} header (clients that are not browser
     * pages) are not subject to the origin check.
     */
    public static Filter handshakeFilter(Chat chat) {
        return handshakeFilter(chat, List.of());
    }

    /**
     * The {@linkplain #handshakeFilter(Chat) handshake filter}, also admitting pages of
     * {@code allowedOrigins}.
     *
     * @param allowedOrigins web origins such as {@code https://app.example.com} exactly as browsers
     *                       send them (lower case, no path), or {@code *} for any (which gives up the
     *                       protection against cross-site use of the container's session)
     * @throws IllegalArgumentException naming an entry that is not an origin
     */
    public static Filter handshakeFilter(Chat chat, Collection<String> allowedOrigins) {
        return new HandshakeFilter(chat, Origins.of(allowedOrigins,
                "add %s to the allowed origins given to ParleyWebSocket.handshakeFilter"));
    }
}
