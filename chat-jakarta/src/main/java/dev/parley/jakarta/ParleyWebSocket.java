package dev.parley.jakarta;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.ws.HandshakeFilter;
import dev.parley.jakarta.internal.ws.ParleyConfigurator;

import jakarta.servlet.Filter;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Parley's {@code /ws} endpoint for any {@code jakarta.websocket} 2.1 container (a servlet
 * container's, or Tyrus on Grizzly in the standalone server).
 *
 * <p>The endpoint authenticates each connection with {@code ?token=}, an
 * {@code Authorization: Bearer} header, or the container's principal, and closes it with 1008
 * when none is valid. In a servlet container, also map {@link #handshakeFilter} to {@link #PATH}
 * ahead of the container's upgrade, so that such a handshake is refused with 401 before any
 * session opens (the bundled listener does both).
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
        return ParleyConfigurator.endpointConfig(chat, PATH);
    }

    /** A servlet filter for {@link #PATH} that answers 401 with the contract's body to a handshake without valid credentials. */
    public static Filter handshakeFilter(Chat chat) {
        return new HandshakeFilter(chat);
    }
}
