package dev.parley.jakarta.internal.ws;

import dev.parley.core.Chat;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.Connection;
import dev.parley.jakarta.internal.auth.Caller;
import dev.parley.jakarta.internal.auth.Credentials;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One instance per connection (the configurator makes them). It authenticates in {@code onOpen}
 * (closing 1008 when that fails: the last line of defence where no servlet filter ran), then
 * hands every frame to the engine without doing any work on the container's I/O thread.
 *
 * <p>The container's message size limit is set well above the engine's frame limit, so that an
 * oversized frame reaches the engine and is answered with an error frame instead of the
 * container dropping the connection with 1009.
 */
public final class ParleyEndpoint extends Endpoint {
    private static final Logger LOG = Logger.getLogger(ParleyEndpoint.class.getName());
    /** Frames up to this size reach the engine; only larger ones make the container close with 1009. */
    static final int MIN_CONTAINER_LIMIT = 1024 * 1024;

    private final Chat chat;
    private final BiFunction<Session, Connection, Connection> connections;
    private volatile ClientSession clientSession;

    ParleyEndpoint(Chat chat, BiFunction<Session, Connection, Connection> connections) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(0);
        int limit = Math.max(MIN_CONTAINER_LIMIT, chat.config().maxFrameBytes() * 4);
        session.setMaxTextMessageBufferSize(limit);
        session.setMaxBinaryMessageBufferSize(limit);
        Caller caller;
        try {
            boolean admin = Boolean.TRUE.equals(session.getUserProperties().get(ParleyConfigurator.ADMIN_ROLE_PROPERTY));
            String adminRole = chat.config().adminRole();
            caller = Credentials.authenticate(chat, token(session), Optional.ofNullable(session.getUserPrincipal()),
                    role -> admin && role.equals(adminRole));
        } catch (ChatException e) {
            WsConnection.close(session, CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), e.getMessage());
            return;
        }
        ClientSession client;
        try {
            client = chat.connect(caller.user(), caller.token(), connections.apply(session, new WsConnection(session)));
        } catch (ChatException e) {
            boolean refused = e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.FORBIDDEN;
            WsConnection.close(session, (refused ? CloseReason.CloseCodes.VIOLATED_POLICY
                    : CloseReason.CloseCodes.TRY_AGAIN_LATER).getCode(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot open a Parley session", e);
            WsConnection.close(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "internal error");
            return;
        }
        clientSession = client;
        session.addMessageHandler(String.class, client::receive);
        // Binary frames are read as UTF-8 text: a malformed one gets the engine's error frame like any other.
        session.addMessageHandler(ByteBuffer.class, data -> client.receive(StandardCharsets.UTF_8.decode(data).toString()));
    }

    /** {@code ?token=} first, then the Authorization header the configurator kept from the handshake. */
    private static Optional<String> token(Session session) {
        List<String> query = session.getRequestParameterMap().get("token");
        if (query != null && !query.isEmpty() && !query.get(0).isBlank()) {
            return Optional.of(query.get(0));
        }
        Object header = session.getUserProperties().get(ParleyConfigurator.AUTHORIZATION_PROPERTY);
        return Credentials.bearer(header instanceof String s ? s : null);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        release();
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error; closing the session", error);
        release();
        WsConnection.close(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "connection error");
    }

    private void release() {
        ClientSession client = clientSession;
        if (client != null) {
            client.closed();
        }
    }
}
