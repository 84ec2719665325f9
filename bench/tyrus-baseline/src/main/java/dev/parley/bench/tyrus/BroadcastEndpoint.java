package dev.parley.bench.tyrus;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * {@code /ws}: every text received goes to every client connected to this endpoint, the sender
 * included, through {@link TyrusSession#broadcast(String)} (one encoded frame for all). Stateless;
 * Tyrus calls it on its worker threads.
 */
@ServerEndpoint("/ws")
public final class BroadcastEndpoint {

    @OnMessage
    public void onMessage(Session session, String text) {
        ((TyrusSession) session).broadcast(text);
    }
}
