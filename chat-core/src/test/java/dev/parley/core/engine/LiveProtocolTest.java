package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /ws} frames as the engine answers them: welcome, ping, errors, send, subscribe, unsubscribe. */
@Timeout(60)
class LiveProtocolTest {
    private final MutableClock clock = new MutableClock();
    private final Chat chat = TestChats.chat(TestChats.config(), clock);
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    LiveProtocolTest() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of());
        chat.join(bob, "lobby");
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private Message post(String text) {
        return chat.send(alice, "lobby", text, Optional.empty());
    }

    private static List<Long> seqs(List<ServerFrame.MessageFrame> frames) {
        return frames.stream().map(f -> f.message().seq()).toList();
    }

    @Test
    void firstFrameIsWelcomeWithTheUserAndServerTime() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        assertEquals(new ServerFrame.Welcome(alice, MutableClock.START), c.welcome);
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"ping\"}");
        assertEquals(new ServerFrame.Pong(), c.next(ServerFrame.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "", "[1,2]", "42", "null", "{\"type\":42}", "{}",
            "{\"type\":\"subscribe\",\"room\":\"lobby\",\"since\":-1}", "{\"type\":\"typing\",\"room\":\"lobby\",\"active\":\"yes\"}"})
    void malformedFrameIsABadRequestAndTheSessionKeepsWorking(String frame) throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send(frame);
        ServerFrame.Error e = c.next(ServerFrame.Error.class);
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.message());
        assertEquals(List.of(), c.sync(), "the next ping is answered, and nothing else came");
        assertEquals(0, c.connection.closeCode(), "the connection stays open");
    }

    @Test
    void unknownTypeIsABadRequestWithTheRoomAsRef() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"dance\",\"room\":\"lobby\"}");
        ServerFrame.Error e = c.error(ErrorCode.BAD_REQUEST, Optional.of("lobby"));
        assertTrue(e.message().contains("dance"), e.message());
    }

    @Test
    void sendWithoutTextIsABadRequestWithTheClientMsgIdAsRef() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"c-9\"}");
        c.error(ErrorCode.BAD_REQUEST, Optional.of("c-9"));
    }

    @Test
    void frameOver64KiBIsTooLargeAndTheSessionKeepsWorking() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        String head = "{\"type\":\"ping\",\"pad\":\"";
        String tail = "\"}";
        String exact = head + "x".repeat(64 * 1024 - head.length() - tail.length()) + tail;
        assertEquals(64 * 1024, exact.length());
        c.send(exact);
        assertEquals(new ServerFrame.Pong(), c.next(ServerFrame.class), "exactly 64 KiB is accepted");

        c.send(head + "x".repeat(64 * 1024 - head.length() - tail.length() + 1) + tail);
        c.error(ErrorCode.TOO_LARGE, Optional.empty());
        String multiByte = "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"" + "\u00e9".repeat(33_000) + "\"}";
        c.send(multiByte);
        c.error(ErrorCode.TOO_LARGE, Optional.empty());
        assertEquals(List.of(), c.sync());
        assertEquals(List.of(), chat.history(alice, "lobby", PageRequest.after(1, 10)).messages(), "nothing stored");
    }

    @Test
    void sendIsAckedAndReachesEverySubscriberIncludingTheSender() throws Exception {
        TestClient sender = TestClient.connect(chat, alice);
        TestClient other = TestClient.connect(chat, bob);
        sender.subscribe("lobby");
        other.subscribe("lobby");

        sender.sendText("lobby", "hello all", "c-1");

        ServerFrame.Ack ack = sender.next(ServerFrame.Ack.class);
        Message stored = chat.history(alice, "lobby", PageRequest.latest(1)).messages().get(0);
        assertEquals(new ServerFrame.Ack(Optional.of("c-1"), stored.id(), stored.seq(), "lobby"), ack);
        assertEquals("hello all", stored.text());
        assertEquals(Optional.of("c-1"), stored.clientMsgId());
        assertEquals(List.of(), sender.sync(), "the sender's copy came before its ack");
        assertEquals(stored, other.next(ServerFrame.MessageFrame.class).message());
    }

    @Test
    void sendersCopyArrivesBeforeItsAck() throws Exception {
        TestClient sender = TestClient.connect(chat, alice);
        sender.subscribe("lobby");
        sender.sendText("lobby", "hello", "c-1");
        List<ServerFrame> frames = sender.sync();
        assertEquals(2, frames.size(), frames.toString());
        Message m = assertInstanceOf(ServerFrame.MessageFrame.class, frames.get(0)).message();
        assertEquals(new ServerFrame.Ack(Optional.of("c-1"), m.id(), m.seq(), "lobby"), frames.get(1));
    }

    @Test
    void resendingAClientMsgIdIsAckedWithTheFirstMessageAndNotDeliveredTwice() throws Exception {
        TestClient sender = TestClient.connect(chat, alice);
        TestClient other = TestClient.connect(chat, bob);
        other.subscribe("lobby");
        sender.sendText("lobby", "once", "c-1");
        ServerFrame.Ack first = sender.next(ServerFrame.Ack.class);
        sender.sendText("lobby", "once", "c-1");
        assertEquals(first, sender.next(ServerFrame.Ack.class));
        other.next(ServerFrame.MessageFrame.class);
        assertEquals(List.of(), other.sync());
    }

    @Test
    void sendToARoomOfWhichOneIsNotAMemberIsForbiddenWithRefClientMsgId() throws Exception {
        TestClient c = TestClient.connect(chat, carol);
        c.sendText("lobby", "let me in", "c-7");
        c.error(ErrorCode.FORBIDDEN, Optional.of("c-7"));
        c.sendText("nowhere", "hello?", "c-8");
        c.error(ErrorCode.NOT_FOUND, Optional.of("c-8"));
    }

    @Test
    void dmFrameIsAckedAndReachesTheRecipient() throws Exception {
        TestClient sender = TestClient.connect(chat, alice);
        TestClient recipient = TestClient.connect(chat, bob);
        sender.send("{\"type\":\"dm\",\"to\":\"Bob\",\"text\":\"psst\",\"clientMsgId\":\"d-1\"}");
        ServerFrame.Ack ack = sender.next(ServerFrame.Ack.class);
        assertEquals("dm.alice.bob", ack.room());
        assertEquals(Optional.of("d-1"), ack.clientMsgId());
        Message m = recipient.next(ServerFrame.MessageFrame.class).message();
        assertEquals(MessageKind.PRIVATE, m.kind());
        assertEquals(ack.id().getAsLong(), m.id());
        sender.send("{\"type\":\"dm\",\"to\":\"nobody\",\"text\":\"psst\",\"clientMsgId\":\"d-2\"}");
        sender.error(ErrorCode.NOT_FOUND, Optional.of("d-2"));
    }

    @Test
    void subscribeToAnUnknownRoomIsNotFoundWithRefRoom() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"subscribe\",\"room\":\"nowhere\"}");
        c.error(ErrorCode.NOT_FOUND, Optional.of("nowhere"));
    }

    @Test
    void subscribeToARoomOfWhichOneIsNotAMemberIsForbidden() throws Exception {
        TestClient c = TestClient.connect(chat, carol);
        c.send("{\"type\":\"subscribe\",\"room\":\"team\"}");
        c.error(ErrorCode.FORBIDDEN, Optional.of("team"));
        c.send("{\"type\":\"subscribe\",\"room\":\"lobby\"}");
        c.error(ErrorCode.FORBIDDEN, Optional.of("lobby"));
        chat.send(alice, "lobby", "members only", Optional.empty());
        assertEquals(List.of(), c.sync());
    }

    @Test
    void subscribeWithoutSinceAnswersLastSeqThenOnlyLiveMessages() throws Exception {
        post("one");
        post("two");
        TestClient c = TestClient.connect(chat, bob);
        assertEquals(new ServerFrame.Subscribed("lobby", 3, false), c.subscribe("lobby"), "bob's join and two messages");
        assertEquals(List.of(), c.sync(), "no replay without since");
        Message live = post("three");
        assertEquals(live, c.next(ServerFrame.MessageFrame.class).message());
    }

    @Test
    void subscribeSinceReplaysMissedMessagesInOrderThenLive() throws Exception {
        for (int i = 0; i < 5; i++) {
            post("m" + i);
        }
        TestClient c = TestClient.connect(chat, bob);
        c.send("{\"type\":\"subscribe\",\"room\":\"lobby\",\"since\":2}");
        assertEquals(new ServerFrame.Subscribed("lobby", 6, false), c.next(ServerFrame.Subscribed.class));
        assertEquals(List.of(3L, 4L, 5L, 6L), seqs(c.connection.take(ServerFrame.MessageFrame.class, 4, TestClient.WAIT)));
        post("live");
        assertEquals(7, c.next(ServerFrame.MessageFrame.class).message().seq());
        assertEquals(List.of(), c.sync(), "nothing twice");
    }

    @Test
    void subscribeSinceZeroReplaysTheWholeRoom() throws Exception {
        post("m");
        TestClient c = TestClient.connect(chat, bob);
        c.send("{\"type\":\"subscribe\",\"room\":\"lobby\",\"since\":0}");
        assertEquals(new ServerFrame.Subscribed("lobby", 2, false), c.next(ServerFrame.Subscribed.class));
        List<ServerFrame.MessageFrame> replay = c.connection.take(ServerFrame.MessageFrame.class, 2, TestClient.WAIT);
        assertEquals(MessageKind.USER_JOINED, replay.get(0).message().kind());
        assertEquals("m", replay.get(1).message().text());
    }

    @Test
    void subscribeSinceAheadOfTheRoomDeliversOnlyMessagesAfterSince() throws Exception {
        // A client may resume from a seq this node has not delivered yet (it saw it on another node,
        // or the message is still on its way): it gets exactly the messages after since, never one twice.
        post("m");
        TestClient c = TestClient.connect(chat, bob);
        c.send("{\"type\":\"subscribe\",\"room\":\"lobby\",\"since\":3}");
        assertEquals(new ServerFrame.Subscribed("lobby", 2, false), c.next(ServerFrame.Subscribed.class));
        assertEquals(List.of(), c.sync());
        assertEquals(3, post("already seen by the client").seq());
        assertEquals(4, post("new to the client").seq());
        assertEquals(4, c.next(ServerFrame.MessageFrame.class).message().seq());
        assertEquals(List.of(), c.sync());
    }

    @Test
    void subscribingTwiceDeliversEachMessageOnce() throws Exception {
        TestClient c = TestClient.connect(chat, bob);
        c.subscribe("lobby");
        c.subscribe("lobby");
        post("once");
        c.next(ServerFrame.MessageFrame.class);
        assertEquals(List.of(), c.sync());
    }

    @Test
    void unsubscribeAnswersUnsubscribedAndStopsMessages() throws Exception {
        TestClient c = TestClient.connect(chat, bob);
        c.subscribe("lobby");
        c.send("{\"type\":\"unsubscribe\",\"room\":\"lobby\"}");
        assertEquals(new ServerFrame.Unsubscribed("lobby"), c.next(ServerFrame.class));
        post("after unsubscribe");
        assertEquals(List.of(), c.sync());
        chat.sendDirect(alice, "bob", "a direct message still arrives", Optional.empty());
        assertEquals("a direct message still arrives", c.next(ServerFrame.MessageFrame.class).message().text());
    }

    @Test
    void unsubscribeFromADirectRoomKeepsItsMessagesComing() throws Exception {
        chat.sendDirect(alice, "bob", "first", Optional.empty());
        TestClient c = TestClient.connect(chat, bob);
        c.send("{\"type\":\"unsubscribe\",\"room\":\"dm.alice.bob\"}");
        c.next(ServerFrame.Unsubscribed.class);
        chat.sendDirect(alice, "bob", "second", Optional.empty());
        assertEquals("second", c.next(ServerFrame.MessageFrame.class).message().text(),
                "PRIVATE messages reach the user whether subscribed or not");
    }

    @Test
    void subscribeSinceToADirectRoomReplaysWhatWasMissedAndDeliversLiveMessagesOnce() throws Exception {
        for (int i = 1; i <= 3; i++) {
            chat.sendDirect(alice, "bob", "dm" + i, Optional.empty());
        }
        TestClient c = TestClient.connect(chat, bob);
        c.send("{\"type\":\"subscribe\",\"room\":\"dm.alice.bob\",\"since\":1}");
        assertEquals(new ServerFrame.Subscribed("dm.alice.bob", 3, false), c.next(ServerFrame.Subscribed.class));
        assertEquals(List.of(2L, 3L), seqs(c.connection.take(ServerFrame.MessageFrame.class, 2, TestClient.WAIT)));
        chat.sendDirect(alice, "bob", "dm4", Optional.empty());
        assertEquals(4, c.next(ServerFrame.MessageFrame.class).message().seq());
        assertEquals(List.of(), c.sync(), "the implicit delivery does not double the explicit one");
    }

    @Test
    void eachSessionOfAUserHasItsOwnSubscriptions() throws Exception {
        TestClient subscribed = TestClient.connect(chat, bob);
        TestClient notSubscribed = TestClient.connect(chat, bob);
        subscribed.subscribe("lobby");
        Message m = post("to one session");
        assertEquals(m, subscribed.next(ServerFrame.MessageFrame.class).message());
        assertEquals(List.of(), notSubscribed.sync());
    }

    @Test
    void healthIsUpWithTheInProcessBus() {
        assertEquals("UP", chat.health().status());
        assertTrue(chat.health().isUp());
    }

    @Test
    void closingTheEngineClosesLiveSessionsWith1001() throws Exception {
        TestClient a = TestClient.connect(chat, alice);
        TestClient b = TestClient.connect(chat, bob);
        chat.close();
        for (TestClient c : List.of(a, b)) {
            assertTrue(c.connection.awaitClose(TestClient.WAIT));
            assertEquals(1001, c.connection.closeCode());
        }
        RecordingConnection late = new RecordingConnection();
        chat.connect(carol, Optional.empty(), late);
        assertTrue(late.awaitClose(TestClient.WAIT), "a connection after close is turned away");
        assertEquals(1001, late.closeCode());
    }
}
