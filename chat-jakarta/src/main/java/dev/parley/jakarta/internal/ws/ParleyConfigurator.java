package dev.parley.jakarta.internal.ws;

import dev.parley.core.Chat;
import dev.parley.core.spi.Connection;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Makes one {@link ParleyEndpoint} per connection around the engine, and keeps the handshake's
 * {@code Authorization} header in the user properties, which WebSocket 2.1 copies per connection
 * into the session (the header is not reachable from the session otherwise).
 */
public final class ParleyConfigurator extends ServerEndpointConfig.Configurator {
    static final String AUTHORIZATION_PROPERTY = "dev.parley.jakarta.authorization";
    /** Whether the handshake's principal is in the engine's {@code adminRole}: a {@link Boolean}. */
    static final String ADMIN_ROLE_PROPERTY = "dev.parley.jakarta.adminRole";

    private final Chat chat;
    private final BiFunction<Session, Connection, Connection> connections;

    ParleyConfigurator(Chat chat, BiFunction<Session, Connection, Connection> connections) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().remove(AUTHORIZATION_PROPERTY);
        // The session cannot ask the container for roles: whether its principal is a server admin is kept from here.
        config.getUserProperties().put(ADMIN_ROLE_PROPERTY,
                request.getUserPrincipal() != null && request.isUserInRole(chat.config().adminRole()));
        for (var header : request.getHeaders().entrySet()) {
            List<String> values = header.getValue();
            if (header.getKey().equalsIgnoreCase("Authorization") && values != null && !values.isEmpty()) {
                config.getUserProperties().put(AUTHORIZATION_PROPERTY, values.get(0));
            }
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (!endpointClass.isAssignableFrom(ParleyEndpoint.class)) {
            throw new InstantiationException("this configurator makes only " + ParleyEndpoint.class.getName());
        }
        return endpointClass.cast(new ParleyEndpoint(chat, connections));
    }

    /**
     * The endpoint's configuration at {@code path}.
     *
     * @param connections given each session and the standard connection over its asynchronous
     *                    remote, returns the connection the engine writes to (the standard one, or
     *                    one that writes faster through the container's own API)
     */
    public static ServerEndpointConfig endpointConfig(Chat chat, String path,
                                                      BiFunction<Session, Connection, Connection> connections) {
        return ServerEndpointConfig.Builder.create(ParleyEndpoint.class, path)
                .configurator(new ParleyConfigurator(chat, connections))
                .build();
    }
}
