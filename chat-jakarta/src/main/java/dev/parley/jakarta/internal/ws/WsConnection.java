package dev.parley.jakarta.internal.ws;

import dev.parley.core.spi.Connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's view of one WebSocket session. The engine keeps at most one send outstanding,
 * which is exactly what {@code RemoteEndpoint.Async} allows, so a send maps straight onto it.
 */
final class WsConnection implements Connection {
    private static final Logger LOG = Logger.getLogger(WsConnection.class.getName());
    /** A close reason travels in a control frame: at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;

    WsConnection(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public CompletionStage<?> send(String frame) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            session.getAsyncRemote().sendText(frame, result -> {
                if (result.isOK()) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(result.getException());
                }
            });
        } catch (RuntimeException e) {
            // a session closed under our feet refuses with IllegalStateException: the engine drops it
            sent.completeExceptionally(e);
        }
        return sent;
    }

    @Override
    public void close(int code, String reason) {
        close(session, code, reason);
    }

    static void close(Session session, int code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), clip(reason)));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a WebSocket session failed", e);
        }
    }

    static String clip(String reason) {
        String text = reason == null ? "" : reason;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return text;
        }
        int end = text.length();
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return text.substring(0, end);
    }
}
