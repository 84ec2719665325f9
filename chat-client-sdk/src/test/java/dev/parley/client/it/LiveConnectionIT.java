package dev.parley.client.it;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live connection against a real server: sends and acks, deliveries, DMs, typing, presence, errors. */
class LiveConnectionIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sendIsAckedAndDeliveredToEverySubscriberTheSenderToo() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        String aName = TestServer.name("livea");
        try (ChatClient a = server.user(aName, ra); ChatClient b = server.user(TestServer.name("liveb"), rb)) {
            String room = TestServer.name("live");
            a.login();
            a.createRoom(room, Visibility.PUBLIC);
            b.login();
            b.join(room);
            a.connect().get(10, TimeUnit.SECONDS);
            b.connect().get(10, TimeUnit.SECONDS);
            a.subscribe(room).get(10, TimeUnit.SECONDS);
            b.subscribe(room).get(10, TimeUnit.SECONDS);

            Ack ack = a.send(room, "hello room").get(10, TimeUnit.SECONDS);
            assertEquals(room, ack.room());
            rb.await("b gets the message", WAIT, () -> !rb.in(room).isEmpty());
            ra.await("a gets its echo", WAIT, () -> !ra.in(room).isEmpty());
            Message got = rb.in(room).get(0);
            assertEquals("hello room", got.text());
            assertEquals(aName, got.from());
            assertTrue(ack.posted());
            assertEquals(ack.id().getAsLong(), got.id());
            assertEquals(ack.seq().getAsLong(), got.seq());
            assertEquals(Optional.of(ack.clientMsgId()), got.clientMsgId());
            assertEquals(Optional.of(ConnectionState.CONNECTED), a.state());
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED),
                    ra.states.stream().map(Recorder.State::state).toList());
        }
    }

    @Test
    void directMessagesReachTheOtherUserWithoutASubscription() throws Exception {
        Recorder rb = new Recorder();
        String bName = TestServer.name("dmb");
        try (ChatClient a = server.user(TestServer.name("dma"), new Recorder()); ChatClient b = server.user(bName, rb)) {
            a.connect().get(10, TimeUnit.SECONDS);
            b.connect().get(10, TimeUnit.SECONDS);
            Ack ack = a.sendDirect(bName, "just for you").get(10, TimeUnit.SECONDS);
            assertTrue(ack.room().startsWith("dm."));
            rb.await("the direct message", WAIT, () -> rb.count(m -> m.kind() == MessageKind.PRIVATE) == 1);
            assertEquals("just for you", rb.in(ack.room()).get(0).text());
        }
    }

    @Test
    void theRoomListChangesLiveForNewPublicRoomsAndTheUsersOwnMemberships() throws Exception {
        Recorder rb = new Recorder();
        String bName = TestServer.name("roomsb");
        String open = TestServer.name("open");
        String closed = TestServer.name("closed");
        try (ChatClient a = server.user(TestServer.name("roomsa"), new Recorder()); ChatClient b = server.user(bName, rb)) {
            a.login();
            b.connect().get(10, TimeUnit.SECONDS);
            a.createRoom(open, Visibility.PUBLIC);
            rb.await("the new public room", WAIT, () -> rb.roomChanges.contains("created " + open));
            a.createRoom(closed, Visibility.PRIVATE);
            a.addMember(closed, bName);
            rb.await("being added", WAIT, () -> rb.roomChanges.contains("added " + closed));
            b.leave(closed);
            rb.await("having left", WAIT, () -> rb.roomChanges.contains("removed " + closed));
            assertTrue(rb.roomChanges.stream().noneMatch(c -> c.equals("created " + closed)),
                    "a private room is not announced: " + rb.roomChanges);
        }
    }

    @Test
    void refusalsFailTheFutureWithTheServersCode() throws Exception {
        try (ChatClient a = server.user(TestServer.name("refuse"), new Recorder())) {
            a.connect().get(10, TimeUnit.SECONDS);
            ExecutionException tooLong = assertThrows(ExecutionException.class,
                    () -> a.send("general", "x".repeat(4001)).get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.BAD_REQUEST, assertInstanceOf(ChatClientException.class, tooLong.getCause()).code());
            ExecutionException notMember = assertThrows(ExecutionException.class,
                    () -> a.send("no-such-room", "hi").get(10, TimeUnit.SECONDS));
            ErrorCode code = ((ChatClientException) notMember.getCause()).code();
            assertTrue(code == ErrorCode.NOT_FOUND || code == ErrorCode.FORBIDDEN, code.name());
            String secret = TestServer.name("secret");
            try (ChatClient owner = server.user(TestServer.name("own"), new Recorder())) {
                owner.login();
                owner.createRoom(secret, Visibility.PRIVATE);
            }
            ExecutionException sub = assertThrows(ExecutionException.class,
                    () -> a.subscribe(secret).get(10, TimeUnit.SECONDS));
            ErrorCode subCode = ((ChatClientException) sub.getCause()).code();
            assertTrue(subCode == ErrorCode.NOT_FOUND || subCode == ErrorCode.FORBIDDEN, subCode.name());
        }
    }

    @Test
    void typingAndPresenceReachOtherMembers() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        String aName = TestServer.name("typa");
        String bName = TestServer.name("typb");
        ChatClient a = server.user(aName, ra);
        try (ChatClient b = server.user(bName, rb)) {
            String room = TestServer.name("typ");
            a.login();
            a.createRoom(room, Visibility.PUBLIC);
            b.login();
            b.join(room);
            b.connect().get(10, TimeUnit.SECONDS);
            b.subscribe(room).get(10, TimeUnit.SECONDS);
            a.connect().get(10, TimeUnit.SECONDS);
            a.subscribe(room).get(10, TimeUnit.SECONDS);
            rb.await("a's presence", WAIT, () -> rb.presence.contains(aName + " online"));
            a.typing(room, true);
            rb.await("a typing", WAIT, () -> rb.typing.contains(room + " " + aName + " true"));
            a.close();
            rb.await("a offline", WAIT, () -> rb.presence.contains(aName + " offline"));
        } finally {
            a.close();
        }
    }

    @Test
    void announcementsArriveAsSystemMessagesOnTheirOwnCallback() throws Exception {
        Recorder r = new Recorder();
        try (ChatClient admin = server.user(TestServer.ADMIN, new Recorder());
             ChatClient user = server.user(TestServer.name("listener"), r)) {
            user.connect().get(10, TimeUnit.SECONDS);
            admin.login();
            admin.announce("all hands at three");
            r.await("the announcement", WAIT, () -> r.announcements.stream()
                    .anyMatch(m -> m.text().equals("all hands at three")));
            assertEquals(MessageKind.SYSTEM, r.announcements.get(r.announcements.size() - 1).kind());
            assertTrue(r.messages.stream().noneMatch(m -> m.kind() == MessageKind.SYSTEM));
        }
    }

    @Test
    void closeEndsClosedAndFailsLaterSends() throws Exception {
        Recorder r = new Recorder();
        ChatClient a = server.user(TestServer.name("closer"), r);
        a.connect().get(10, TimeUnit.SECONDS);
        a.close();
        assertEquals("closed by the application", r.awaitState(ConnectionState.CLOSED, WAIT).reason());
        CompletableFuture<Ack> late = a.send("general", "after close");
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(1, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNAVAILABLE, ((ChatClientException) e.getCause()).code());
    }
}
