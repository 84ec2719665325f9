package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.ReactionChange;
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
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code edit}, {@code delete} and {@code react} frames, and replies over {@code send}: acks, errors, fan-out, replay. */
@Timeout(60)
class LifecycleFramesTest {
    private final Chat chat = TestChats.chat();
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    LifecycleFramesTest() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private long lastSeq() {
        return chat.history(alice, "lobby", PageRequest.latest(1)).messages().get(0).seq();
    }

    @Test
    void eachFrameIsAckedWithItsEntryAndEverySubscriberGetsTheEntry() throws Exception {
        TestClient a = TestClient.connect(chat, alice);
        TestClient b = TestClient.connect(chat, bob);
        a.subscribe("lobby");
        b.subscribe("lobby");
        Message m = chat.send(alice, "lobby", Draft.of("helo"));
        b.next(ServerFrame.MessageFrame.class);

        a.send("{\"type\":\"edit\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"text\":\"hello\",\"clientMsgId\":\"e-1\"}");
        ServerFrame.Ack editAck = a.next(ServerFrame.Ack.class);
        Message edit = b.next(ServerFrame.MessageFrame.class).message();
        assertEquals(new ServerFrame.Ack(Optional.of("e-1"), edit.id(), edit.seq(), "lobby"), editAck);
        assertEquals(MessageKind.EDIT, edit.kind());
        assertEquals("hello", edit.text());
        assertEquals(OptionalLong.of(m.id()), edit.target());

        b.send("{\"type\":\"react\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"emoji\":\"🎉\",\"active\":true,\"clientMsgId\":\"r-1\"}");
        ServerFrame.Ack reactAck = b.next(ServerFrame.Ack.class);
        Message reaction = a.next(ServerFrame.MessageFrame.class, f -> f.message().kind() == MessageKind.REACTION).message();
        assertEquals(reactAck.id(), OptionalLong.of(reaction.id()));
        assertEquals(Optional.of(new ReactionChange("🎉", true)), reaction.reaction());
        assertEquals("bob", reaction.from());

        a.send("{\"type\":\"delete\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"clientMsgId\":\"d-1\"}");
        ServerFrame.Ack deleteAck = a.next(ServerFrame.Ack.class);
        Message delete = b.next(ServerFrame.MessageFrame.class, f -> f.message().kind() == MessageKind.DELETE).message();
        assertEquals(deleteAck.seq(), OptionalLong.of(delete.seq()));
        assertEquals(List.of(m.seq() + 1, m.seq() + 2, m.seq() + 3), List.of(edit.seq(), reaction.seq(), delete.seq()));
    }

    @Test
    void aNoOpIsAckedWithoutIdAndPostsNothing() throws Exception {
        TestClient b = TestClient.connect(chat, bob);
        b.subscribe("lobby");
        Message m = chat.send(alice, "lobby", Draft.of("x"));
        b.next(ServerFrame.MessageFrame.class);
        long before = lastSeq();
        b.send("{\"type\":\"react\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"emoji\":\"👍\",\"active\":false,\"clientMsgId\":\"r-0\"}");
        assertEquals(ServerFrame.Ack.nothingPosted(Optional.of("r-0"), "lobby"), b.next(ServerFrame.Ack.class));
        assertEquals(List.of(), b.sync(), "nothing was broadcast");
        assertEquals(before, lastSeq());
    }

    @Test
    void theSameClientMsgIdTwiceIsAckedWithTheSameEntryAndDeliveredOnce() throws Exception {
        TestClient b = TestClient.connect(chat, bob);
        b.subscribe("lobby");
        Message m = chat.send(alice, "lobby", Draft.of("x"));
        b.next(ServerFrame.MessageFrame.class);
        String frame = "{\"type\":\"react\",\"room\":\"lobby\",\"id\":" + m.id()
                + ",\"emoji\":\"👍\",\"active\":true,\"clientMsgId\":\"r-7\"}";
        b.send(frame);
        List<ServerFrame> firstTime = b.sync();
        assertEquals(2, firstTime.size(), "the entry, then its ack: " + firstTime);
        b.send(frame);
        assertEquals(List.of(firstTime.get(1)), b.sync(), "the same ack again, and no second delivery");
        assertEquals(1, chat.message(bob, "lobby", m.id()).state().reactions().get(0).count());
    }

    @Test
    void refusalsAreErrorFramesWithTheClientMsgIdAndPostNothing() throws Exception {
        Message m = chat.send(alice, "lobby", Draft.of("mine"));
        TestClient b = TestClient.connect(chat, bob);
        TestClient c = TestClient.connect(chat, carol);
        long before = lastSeq();
        b.send("{\"type\":\"edit\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"text\":\"yours\",\"clientMsgId\":\"e-1\"}");
        b.error(ErrorCode.FORBIDDEN, Optional.of("e-1"));
        b.send("{\"type\":\"delete\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"clientMsgId\":\"d-1\"}");
        b.error(ErrorCode.FORBIDDEN, Optional.of("d-1"));
        b.send("{\"type\":\"react\",\"room\":\"lobby\",\"id\":999999,\"emoji\":\"👍\",\"active\":true,\"clientMsgId\":\"r-1\"}");
        b.error(ErrorCode.NOT_FOUND, Optional.of("r-1"));
        b.send("{\"type\":\"react\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"emoji\":\"" + "x".repeat(33)
                + "\",\"active\":true,\"clientMsgId\":\"r-2\"}");
        b.error(ErrorCode.BAD_REQUEST, Optional.of("r-2"));
        b.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"r\",\"thread\":999999,\"clientMsgId\":\"s-1\"}");
        b.error(ErrorCode.NOT_FOUND, Optional.of("s-1"));
        c.send("{\"type\":\"react\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"emoji\":\"👍\",\"active\":true,\"clientMsgId\":\"r-3\"}");
        c.error(ErrorCode.FORBIDDEN, Optional.of("r-3"));
        chat.delete(alice, "lobby", m.id(), Optional.empty());
        before = lastSeq();
        b.send("{\"type\":\"react\",\"room\":\"lobby\",\"id\":" + m.id() + ",\"emoji\":\"👍\",\"active\":true,\"clientMsgId\":\"r-4\"}");
        b.error(ErrorCode.CONFLICT, Optional.of("r-4"));
        assertEquals(before, lastSeq());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"edit\",\"room\":\"lobby\",\"id\":\"7\",\"text\":\"x\",\"clientMsgId\":\"k\"}",
            "{\"type\":\"edit\",\"room\":\"lobby\",\"id\":7,\"clientMsgId\":\"k\"}",
            "{\"type\":\"delete\",\"room\":\"lobby\",\"clientMsgId\":\"k\"}",
            "{\"type\":\"react\",\"room\":\"lobby\",\"id\":7,\"active\":true,\"clientMsgId\":\"k\"}",
            "{\"type\":\"react\",\"room\":\"lobby\",\"id\":7,\"emoji\":\"x\",\"active\":\"yes\",\"clientMsgId\":\"k\"}",
            "{\"type\":\"react\",\"room\":\"lobby\",\"id\":1.5,\"emoji\":\"x\",\"active\":true,\"clientMsgId\":\"k\"}",
            "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"x\",\"replyTo\":\"abc\",\"clientMsgId\":\"k\"}"})
    void malformedLifecycleFramesAreBadRequestsWithTheirRef(String frame) throws Exception {
        TestClient b = TestClient.connect(chat, bob);
        b.send(frame);
        b.error(ErrorCode.BAD_REQUEST, Optional.of("k"));
        assertEquals(List.of(), b.sync());
    }

    @Test
    void subscribeSinceReplaysTheEntriesMissed() throws Exception {
        Message m = chat.send(alice, "lobby", Draft.of("before"));
        long since = m.seq();
        chat.edit(alice, "lobby", m.id(), "after", Optional.empty());
        chat.react(bob, "lobby", m.id(), "👍", Optional.empty());
        Message reply = chat.send(bob, "lobby", Draft.of("in thread").inThread(m.id()));
        chat.unreact(bob, "lobby", m.id(), "👍", Optional.empty());
        TestClient b = TestClient.connect(chat, bob);
        b.send("{\"type\":\"subscribe\",\"room\":\"lobby\",\"since\":" + since + "}");
        b.next(ServerFrame.Subscribed.class);
        List<MessageKind> kinds = List.of(
                b.next(ServerFrame.MessageFrame.class).message().kind(),
                b.next(ServerFrame.MessageFrame.class).message().kind(),
                b.next(ServerFrame.MessageFrame.class).message().kind(),
                b.next(ServerFrame.MessageFrame.class).message().kind());
        assertEquals(List.of(MessageKind.EDIT, MessageKind.REACTION, MessageKind.CHAT, MessageKind.REACTION), kinds);
        assertEquals(List.of(), b.sync());
        assertTrue(reply.thread().isPresent());
    }
}
