package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.client.internal.Messages.msg;
import static dev.parley.client.internal.Messages.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {
    private static final User ALICE = new User("u1", "alice", Instant.parse("2024-01-01T00:00:00Z"));
    private static final ReconnectPolicy FAST = ReconnectPolicy.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).jitter(0).build();

    private final FakeTransport transport = new FakeTransport();
    private final FakeServer server = new FakeServer();
    private final RecordingListener listener = new RecordingListener();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private Session session(ReconnectPolicy policy) {
        return session(policy, Duration.ofMinutes(1));
    }

    private Session session(ReconnectPolicy policy, Duration ping) {
        return new Session(transport, server, new Dispatcher(listener, Runnable::run), timer, Runnable::run, policy,
                ping, () -> 0, 1000);
    }

    /** Connects and plays the server's welcome; returns the link. */
    private FakeTransport.FakeLink connected(Session s) throws Exception {
        CompletableFuture<User> f = s.connect();
        FakeTransport.FakeLink link = transport.next();
        link.open();
        link.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals(ALICE, f.get(5, TimeUnit.SECONDS));
        return link;
    }

    private static <T extends ClientFrame> T nextSent(FakeTransport.FakeLink link, Class<T> type) throws Exception {
        while (true) {
            ClientFrame f = FrameCodec.decodeClient(link.nextSent(), 65536);
            if (type.isInstance(f)) {
                return type.cast(f);
            }
        }
    }

    private static void deliver(FakeTransport.FakeLink link, Message... messages) {
        for (Message m : messages) {
            link.serve(new ServerFrame.MessageFrame(m));
        }
    }

    @Test
    void connectReportsConnectingThenConnectedOnceWelcomed() throws Exception {
        Session s = session(FAST);
        assertEquals(Optional.empty(), s.state());
        connected(s);
        assertEquals(ConnectionState.CONNECTING, listener.nextState().state());
        RecordingListener.StateChange c = listener.nextState();
        assertEquals(ConnectionState.CONNECTED, c.state());
        assertEquals("connected as alice", c.reason());
        assertEquals(Optional.of(ConnectionState.CONNECTED), s.state());
    }

    @Test
    void sendCompletesWithTheAckMatchedByClientMsgId() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Ack> first = s.send("general", Draft.of("hi"));
        CompletableFuture<Ack> second = s.send("general", Draft.of("there"));
        ClientFrame.Send a = nextSent(link, ClientFrame.Send.class);
        ClientFrame.Send b = nextSent(link, ClientFrame.Send.class);
        assertEquals("hi", a.text());
        assertTrue(a.clientMsgId().isPresent());
        assertFalse(a.clientMsgId().equals(b.clientMsgId()));
        link.serve(new ServerFrame.Ack(b.clientMsgId(), 78, 6, "general"));
        assertEquals(new Ack(b.clientMsgId().get(), 78, 6, "general"), second.get(5, TimeUnit.SECONDS));
        assertFalse(first.isDone());
        link.serve(new ServerFrame.Ack(a.clientMsgId(), 77, 5, "general"));
        assertEquals(77, first.get(5, TimeUnit.SECONDS).id().getAsLong());
    }

    @Test
    void errorFrameReferringToASendFailsItsFutureWithTheServersCode() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Ack> f = s.sendDirect("nobody", Draft.of("hello?"));
        ClientFrame.Dm dm = nextSent(link, ClientFrame.Dm.class);
        link.serve(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no user nobody", dm.clientMsgId()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        ChatClientException c = assertInstanceOf(ChatClientException.class, e.getCause());
        assertEquals(ErrorCode.NOT_FOUND, c.code());
        assertEquals("no user nobody", c.getMessage());
        assertTrue(listener.errors.isEmpty(), "a consumed error does not also reach onError");
    }

    @Test
    void unmatchedErrorFrameReachesTheListener() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        link.serve(new ServerFrame.Error(ErrorCode.BAD_REQUEST, "unknown frame type", Optional.empty()));
        assertEquals("BAD_REQUEST unknown frame type -", listener.errors.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void reconnectResubscribesSinceTheLastDeliveredAndResendsUnackedSendsUnderTheSameId() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Void> sub = s.subscribe("general", OptionalLong.empty());
        assertEquals(new ClientFrame.Subscribe("general", OptionalLong.empty()),
                nextSent(link, ClientFrame.Subscribe.class));
        link.serve(new ServerFrame.Subscribed("general", 0, false));
        sub.get(5, TimeUnit.SECONDS);
        deliver(link, msg("general", 1), msg("general", 2));
        CompletableFuture<Ack> pending = s.send("general", Draft.of("lost in flight"));
        String id = nextSent(link, ClientFrame.Send.class).clientMsgId().get();

        link.listener.onFailure(new IOException("connection reset"));
        RecordingListener.StateChange r = listener.awaitState(ConnectionState.RECONNECTING);
        assertEquals("connection lost: connection reset", r.reason());

        FakeTransport.FakeLink again = transport.next();
        again.open();
        again.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals(new ClientFrame.Subscribe("general", OptionalLong.of(2)),
                nextSent(again, ClientFrame.Subscribe.class));
        ClientFrame.Send resent = nextSent(again, ClientFrame.Send.class);
        assertEquals(Optional.of(id), resent.clientMsgId());
        assertEquals("lost in flight", resent.text());

        again.serve(new ServerFrame.Subscribed("general", 3, false));
        deliver(again, msg("general", 2), msg("general", 3), msg("general", 3));
        again.serve(new ServerFrame.Ack(Optional.of(id), 103, 3, "general"));
        assertEquals(3, pending.get(5, TimeUnit.SECONDS).seq().getAsLong());
        assertEquals(List.of(1L, 2L, 3L), seqs(listener.messages));
    }

    @Test
    void gapWhileLiveIsFilledFromHistoryBeforeLaterMessages() throws Exception {
        List<Message> all = new ArrayList<>();
        for (long i = 1; i <= 6; i++) {
            all.add(msg("general", i));
        }
        server.history.put("general", all);
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        s.subscribe("general", OptionalLong.empty());
        link.serve(new ServerFrame.Subscribed("general", 0, false));
        deliver(link, msg("general", 1), msg("general", 2), msg("general", 5), msg("general", 6));
        assertEquals(List.of("general after 2"), server.historyReads);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(listener.messages));
    }

    @Test
    void subscribeSinceReplaysFromThere() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        s.subscribe("general", OptionalLong.of(4));
        assertEquals(new ClientFrame.Subscribe("general", OptionalLong.of(4)),
                nextSent(link, ClientFrame.Subscribe.class));
        link.serve(new ServerFrame.Subscribed("general", 6, false));
        deliver(link, msg("general", 5), msg("general", 6));
        assertEquals(List.of(5L, 6L), seqs(listener.messages));
        assertTrue(server.historyReads.isEmpty());
    }

    @Test
    void sendsMadeWhileReconnectingGoOutInOrderOnceConnected() throws Exception {
        Session s = session(ReconnectPolicy.builder().initialBackoff(Duration.ofMillis(50)).jitter(0).build());
        FakeTransport.FakeLink link = connected(s);
        link.listener.onClosed(1001, "server shutting down");
        assertEquals("connection lost: server shutting down (1001)",
                listener.awaitState(ConnectionState.RECONNECTING).reason());
        CompletableFuture<Ack> a = s.send("general", Draft.of("one"));
        CompletableFuture<Ack> b = s.send("general", Draft.of("two"));
        FakeTransport.FakeLink again = transport.next();
        assertTrue(again.sent.isEmpty(), "nothing goes out before the welcome");
        again.open();
        again.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals("one", nextSent(again, ClientFrame.Send.class).text());
        assertEquals("two", nextSent(again, ClientFrame.Send.class).text());
        assertFalse(a.isDone() || b.isDone());
    }

    @Test
    void closeCode1008WithoutCredentialsEndsClosedWithTheReason() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Ack> pending = s.send("general", Draft.of("hi"));
        link.listener.onClosed(1008, "token revoked");
        RecordingListener.StateChange closed = listener.awaitState(ConnectionState.CLOSED);
        assertEquals("token refused: token revoked (1008)", closed.reason());
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNAUTHORIZED, ((ChatClientException) e.getCause()).code());
        assertNull(transport.opened.poll(), "no reconnect after a refused token");
        assertEquals(0, server.logins.get());
    }

    @Test
    void refusedTokenWithCredentialsLogsInAgainOnceThenGivesUp() throws Exception {
        server.canLogin = true;
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        link.listener.onClosed(1008, "token revoked");
        FakeTransport.FakeLink second = transport.next();
        assertEquals("t2", second.token);
        assertEquals(1, server.logins.get());
        second.listener.onFailure(new Transport.HandshakeRefused(401));
        RecordingListener.StateChange closed = listener.awaitState(ConnectionState.CLOSED);
        assertEquals("token refused: the server answered the handshake with HTTP 401", closed.reason());
        assertEquals(1, server.logins.get());
        assertNull(transport.opened.poll());
    }

    @Test
    void freshLoginAfterARefusedTokenResumesTheSession() throws Exception {
        server.canLogin = true;
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Ack> pending = s.send("general", Draft.of("survives"));
        String id = nextSent(link, ClientFrame.Send.class).clientMsgId().get();
        link.listener.onClosed(1008, "token expired");
        FakeTransport.FakeLink second = transport.next();
        second.open();
        second.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals(Optional.of(id), nextSent(second, ClientFrame.Send.class).clientMsgId());
        second.serve(new ServerFrame.Ack(Optional.of(id), 5, 1, "general"));
        assertEquals(5, pending.get(5, TimeUnit.SECONDS).id().getAsLong());
        assertEquals(Optional.of(ConnectionState.CONNECTED), s.state());
    }

    @Test
    void failedLoginAfterARefusedTokenEndsClosed() throws Exception {
        server.canLogin = true;
        server.loginFailure = new ChatClientException(ErrorCode.UNAUTHORIZED, "bad credentials", 401, null);
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        link.listener.onClosed(1008, "token revoked");
        RecordingListener.StateChange closed = listener.awaitState(ConnectionState.CLOSED);
        assertEquals("token refused: token revoked (1008); login failed: bad credentials", closed.reason());
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        Session s = session(ReconnectPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(1))
                .maxAttempts(2).build());
        FakeTransport.FakeLink link = connected(s);
        link.listener.onFailure(new IOException("reset"));
        transport.next().listener.onFailure(new ConnectException("refused"));
        transport.next().listener.onFailure(new ConnectException("refused"));
        RecordingListener.StateChange closed = listener.awaitState(ConnectionState.CLOSED);
        assertEquals("gave up reconnecting after 2 attempts: connection lost: refused", closed.reason());
    }

    @Test
    void firstConnectionFailureFailsConnectAndCloses() throws Exception {
        Session s = session(FAST);
        CompletableFuture<User> f = s.connect();
        transport.next().listener.onFailure(new ConnectException("Connection refused"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNAVAILABLE, ((ChatClientException) e.getCause()).code());
        assertEquals(Optional.of(ConnectionState.CLOSED), s.state());
        assertNull(transport.opened.poll());
    }

    @Test
    void closeFailsWaitingSendsAndRefusesNewOnes() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Ack> pending = s.send("general", Draft.of("hi"));
        s.close("closed by the application");
        assertTrue(link.closed);
        assertEquals("closed by the application", listener.awaitState(ConnectionState.CLOSED).reason());
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNAVAILABLE, ((ChatClientException) e.getCause()).code());
        CompletableFuture<Ack> late = s.send("general", Draft.of("too late"));
        assertTrue(late.isCompletedExceptionally());
        s.close("again");
        assertNull(listener.states.poll(), "closing twice reports once");
    }

    @Test
    void sendBeforeConnectFailsAtOnce() {
        Session s = session(FAST);
        CompletableFuture<Ack> f = s.send("general", Draft.of("hi"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("call connect() first"));
    }

    @Test
    void refusedResubscriptionFailsAndIsDropped() throws Exception {
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        CompletableFuture<Void> sub = s.subscribe("secret", OptionalLong.empty());
        link.serve(new ServerFrame.Error(ErrorCode.FORBIDDEN, "not a member of secret", Optional.of("secret")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> sub.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.FORBIDDEN, ((ChatClientException) e.getCause()).code());
        link.listener.onFailure(new IOException("reset"));
        FakeTransport.FakeLink again = transport.next();
        again.open();
        again.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertTrue(again.sent.stream().noneMatch(f -> f.contains("secret")), again.sent.toString());
    }

    @Test
    void directRoomCreatedWhileDisconnectedIsReplayedWhole() throws Exception {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        server.rooms = List.of(new RoomListing(new Room("dm.alice.bob", "dm.alice.bob", Visibility.DIRECT, "bob", t), true));
        server.history.put("dm.alice.bob", List.of(msg("dm.alice.bob", 1), msg("dm.alice.bob", 2), msg("dm.alice.bob", 3)));
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        assertEquals(new ClientFrame.Subscribe("dm.alice.bob", OptionalLong.of(3)),
                nextSent(link, ClientFrame.Subscribe.class));
        link.serve(new ServerFrame.Subscribed("dm.alice.bob", 3, false));

        link.listener.onFailure(new IOException("reset"));
        server.rooms = List.of(server.rooms.get(0),
                new RoomListing(new Room("dm.alice.carol", "dm.alice.carol", Visibility.DIRECT, "carol", t), true));
        FakeTransport.FakeLink again = transport.next();
        again.open();
        again.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals(new ClientFrame.Subscribe("dm.alice.bob", OptionalLong.of(3)),
                nextSent(again, ClientFrame.Subscribe.class));
        assertEquals(new ClientFrame.Subscribe("dm.alice.carol", OptionalLong.of(0)),
                nextSent(again, ClientFrame.Subscribe.class));
    }

    @Test
    void directRoomsOfTheFirstConnectionResumeFromTheLastMessageBeforeTheWelcome() throws Exception {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        String dm = "dm.alice.bob";
        server.rooms = List.of(new RoomListing(new Room(dm, dm, Visibility.DIRECT, "bob", t), true));
        Message afterWelcome = new Message(99, dm, 3, dev.parley.protocol.MessageKind.PRIVATE, "bob", "new",
                Instant.now().plusSeconds(3600), Optional.empty(), Optional.empty());
        server.history.put(dm, List.of(msg(dm, 1), msg(dm, 2), afterWelcome));
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        assertEquals(new ClientFrame.Subscribe(dm, OptionalLong.of(2)), nextSent(link, ClientFrame.Subscribe.class));
        link.serve(new ServerFrame.Subscribed(dm, 3, false));
        deliver(link, afterWelcome, afterWelcome);
        assertEquals(List.of("new"), listener.messages.stream().map(Message::text).toList());
    }

    @Test
    void silentConnectionIsReplaced() throws Exception {
        Session s = session(FAST, Duration.ofMillis(20));
        FakeTransport.FakeLink link = connected(s);
        RecordingListener.StateChange r = listener.awaitState(ConnectionState.RECONNECTING);
        assertTrue(r.reason().startsWith("connection lost: no answer from the server"), r.reason());
        assertTrue(link.aborted);
        assertTrue(link.sent.stream().anyMatch(f -> f.contains("\"ping\"")), "it pinged before giving up");
        transport.next();
    }

    @Test
    void firstConnectTriesEachServerOnceBeforeFailing() throws Exception {
        server.servers = 3;
        Session s = session(FAST);
        CompletableFuture<User> f = s.connect();
        for (int i = 0; i < 3; i++) {
            FakeTransport.FakeLink link = transport.next();
            link.listener.onFailure(new ConnectException("Connection refused"));
            assertTrue(link.avoided, "attempt " + i + " moves the next one to another server");
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(ChatClientException.class, e.getCause()).code());
        assertNull(transport.opened.poll(50, TimeUnit.MILLISECONDS), "no fourth attempt");
        assertEquals(Optional.of(ConnectionState.CLOSED), s.state());
    }

    @Test
    void firstConnectSucceedsOnTheSecondServerWhenTheFirstRefuses() throws Exception {
        server.servers = 2;
        Session s = session(FAST);
        CompletableFuture<User> f = s.connect();
        transport.next().listener.onFailure(new ConnectException("Connection refused"));
        FakeTransport.FakeLink second = transport.next();
        second.open();
        second.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals(ALICE, f.get(5, TimeUnit.SECONDS));
    }

    @Test
    void droppedConnectionMovesToAnotherServerButARefusedTokenDoesNot() throws Exception {
        server.servers = 2;
        server.canLogin = true;
        Session s = session(FAST);
        FakeTransport.FakeLink link = connected(s);
        link.listener.onClosed(1006, "");
        assertTrue(link.avoided, "a drop avoids the node");
        FakeTransport.FakeLink again = transport.next();
        again.open();
        again.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        again.listener.onClosed(1008, "token revoked");
        assertFalse(again.avoided, "a refused token is no reason to change nodes");
    }
}
