package dev.parley.jakarta.internal.ws;

import dev.parley.core.Chat;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Objects;

/**
 * Makes one {@link ParleyEndpoint} per connection around the engine, and keeps the handshake's
 * {@code Authorization} header in the user properties, which WebSocket 2.1 copies per connection
 * into the session (the header is not reachable from the session otherwise).
 */
public final class ParleyConfigurator extends ServerEndpointConfig.Configurator {
    static final String AUTHORIZATION_PROPERTY = "dev.parley.jakarta.authorization";

    private final Chat chat;

    ParleyConfigurator(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().remove(AUTHORIZATION_PROPERTY);
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
        return endpointClass.cast(new ParleyEndpoint(chat));
    }

    /** The endpoint's configuration at {@code path}. */
    public static ServerEndpointConfig endpointConfig(Chat chat, String path) {
        return ServerEndpointConfig.Builder.create(ParleyEndpoint.class, path)
                .configurator(new ParleyConfigurator(chat))
                .build();
    }
}
