package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ClientSession;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A live client for tests: a {@link ClientSession} over a {@link RecordingConnection}, with the JSON
 * frames of the contract and a ping barrier ({@link #sync()}) to see everything a step produced.
 */
final class TestClient {
    static final Duration WAIT = Duration.ofSeconds(10);

    final ClientSession session;
    final RecordingConnection connection;
    final ServerFrame.Welcome welcome;

    private TestClient(ClientSession session, RecordingConnection connection, ServerFrame.Welcome welcome) {
        this.session = session;
        this.connection = connection;
        this.welcome = welcome;
    }

    /** Connects and waits for {@code welcome}, which the engine sends first. */
    static TestClient connect(Chat chat, User user) throws InterruptedException {
        return connect(chat, user, Optional.empty());
    }

    static TestClient connect(Chat chat, User user, Optional<String> token) throws InterruptedException {
        RecordingConnection c = new RecordingConnection();
        ClientSession s = chat.connect(user, token, c);
        ServerFrame first = c.next(ServerFrame.class, f -> true, WAIT);
        return new TestClient(s, c, assertInstanceOf(ServerFrame.Welcome.class, first, "welcome comes first"));
    }

    void send(String json) {
        session.receive(json);
    }

    /**
     * Pings and returns every frame that arrived before the pong. Frames of a session are handled in
     * order and deliveries of a stored message are queued before {@code Chat.send} returns, so this
     * shows whether something reached the client, without sleeping.
     */
    List<ServerFrame> sync() throws InterruptedException {
        send("{\"type\":\"ping\"}");
        return connection.until(ServerFrame.Pong.class, WAIT);
    }

    <T extends ServerFrame> T next(Class<T> type) throws InterruptedException {
        return connection.next(type, f -> true, WAIT);
    }

    <T extends ServerFrame> T next(Class<T> type, Predicate<T> test) throws InterruptedException {
        return connection.next(type, test, WAIT);
    }

    ServerFrame.Subscribed subscribe(String room) throws InterruptedException {
        send("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}");
        return next(ServerFrame.Subscribed.class, f -> f.room().equals(room));
    }

    void sendText(String room, String text, String clientMsgId) {
        send("{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text + "\",\"clientMsgId\":\"" + clientMsgId + "\"}");
    }

    /** The next error frame, checked for its code and ref. */
    ServerFrame.Error error(ErrorCode code, Optional<String> ref) throws InterruptedException {
        ServerFrame.Error e = next(ServerFrame.Error.class);
        assertEquals(code, e.code(), e.message());
        assertEquals(ref, e.ref());
        return e;
    }
}
