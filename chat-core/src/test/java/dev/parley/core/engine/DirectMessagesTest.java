package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Room;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Direct conversations: the {@code dm.<a>.<b>} room, PRIVATE messages and who may see them. */
@Timeout(60)
class DirectMessagesTest {
    private final Chat chat = TestChats.chat(TestChats.config(), new MutableClock());
    private final User zed = chat.register("Zed", "password-z");
    private final User alice = chat.register("alice", "password-a");
    private final User carol = chat.register("carol", "password-c");

    @AfterEach
    void tearDown() {
        chat.close();
    }

    @Test
    void sendDirectCreatesTheDmRoomWithLowerCaseSortedIdAndExactlyTheTwoMembers() {
        Message m = chat.sendDirect(zed, "ALICE", "hi alice", Optional.of("d-1"));
        assertEquals("dm.alice.zed", m.room());
        assertEquals(MessageKind.PRIVATE, m.kind());
        assertEquals("Zed", m.from());
        assertEquals(1, m.seq());
        Room room = chat.room(alice, "dm.alice.zed");
        assertEquals(Visibility.DIRECT, room.visibility());
        assertEquals(List.of("Zed", "alice"),
                chat.members(alice, "dm.alice.zed").stream().map(Member::username).sorted().toList());
        assertTrue(chat.rooms(zed).stream().anyMatch(l -> l.room().equals(room) && l.member()));
        assertFalse(chat.rooms(carol).stream().anyMatch(l -> l.room().equals(room)), "a direct room is not listed to others");
    }

    @Test
    void bothDirectionsShareOneConversation() {
        Message first = chat.sendDirect(zed, "alice", "one", Optional.empty());
        Message reply = chat.sendDirect(alice, "zed", "two", Optional.empty());
        Message viaRoom = chat.send(alice, "dm.alice.zed", "three", Optional.empty());
        assertEquals(first.room(), reply.room());
        assertEquals(2, reply.seq());
        assertEquals(MessageKind.PRIVATE, viaRoom.kind(), "sending into a direct room posts PRIVATE");
        assertEquals(List.of(first, reply, viaRoom), chat.directHistory(zed, "Alice", PageRequest.latest(10)).messages());
        assertEquals(List.of(reply, viaRoom), chat.directHistory(alice, "zed", PageRequest.after(1, 10)).messages());
    }

    @Test
    void repeatedClientMsgIdInADirectConversationReturnsTheFirstMessage() {
        Message first = chat.sendDirect(zed, "alice", "once", Optional.of("d-1"));
        assertEquals(first, chat.sendDirect(zed, "alice", "twice", Optional.of("d-1")));
        assertEquals(1, chat.directHistory(alice, "zed", PageRequest.latest(10)).messages().size());
    }

    @Test
    void sendDirectToAnUnknownUserIsNotFound() {
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.sendDirect(alice, "nobody", "hello?", Optional.empty()));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.directHistory(alice, "nobody", PageRequest.latest(10)));
    }

    @Test
    void sendDirectToOneselfIsABadRequestInAnyCase() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.sendDirect(alice, "alice", "note to self", Optional.empty()));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.sendDirect(alice, "ALICE", "note to self", Optional.empty()));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(alice, "dm.alice.alice"));
    }

    @Test
    void sendDirectChecksTheTextLikeAnyMessage() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.sendDirect(alice, "zed", " ", Optional.empty()));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(alice, "dm.alice.zed"), "a refused message creates no room");
    }

    @Test
    void recipientsLiveSessionReceivesThePrivateMessageWithoutSubscribing() throws Exception {
        TestClient before = TestClient.connect(chat, alice);
        Message first = chat.sendDirect(zed, "alice", "are you there?", Optional.empty());
        assertEquals(first, before.next(ServerFrame.MessageFrame.class).message(), "a session open before the room existed");

        TestClient after = TestClient.connect(chat, alice);
        Message second = chat.sendDirect(zed, "alice", "still there?", Optional.empty());
        assertEquals(second, after.next(ServerFrame.MessageFrame.class).message(), "a session opened after");
        assertEquals(second, before.next(ServerFrame.MessageFrame.class).message());
    }

    @Test
    void sendersOtherSessionsReceiveTheirOwnDirectMessage() throws Exception {
        TestClient sendersSession = TestClient.connect(chat, zed);
        Message m = chat.sendDirect(zed, "alice", "copied to my other devices", Optional.empty());
        assertEquals(m, sendersSession.next(ServerFrame.MessageFrame.class).message());
    }

    @Test
    void thirdUserSeesNothingOfTheConversation() throws Exception {
        TestClient carolLive = TestClient.connect(chat, carol);
        chat.sendDirect(zed, "alice", "just between us", Optional.empty());
        assertEquals(List.of(), carolLive.sync(), "no frame reaches a third user");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.history(carol, "dm.alice.zed", PageRequest.latest(10)));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(carol, "dm.alice.zed", "hi both", Optional.empty()));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.join(carol, "dm.alice.zed"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(carol, "dm.alice.zed"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.members(carol, "dm.alice.zed"));
        assertEquals(List.of(), chat.directHistory(carol, "alice", PageRequest.latest(10)).messages(),
                "carol's own conversation with alice is empty");
    }

    @Test
    void directHistoryBeforeAnyConversationIsAnEmptyPage() {
        var page = chat.directHistory(alice, "zed", PageRequest.latest(10));
        assertEquals(List.of(), page.messages());
        assertFalse(page.hasMore());
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(alice, "dm.alice.zed"), "reading creates no room");
    }

    @Test
    void aDirectConversationCannotBeLeftOrJoinedByOthers() {
        chat.sendDirect(zed, "alice", "hi", Optional.empty());
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.leave(alice, "dm.alice.zed"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.addMember(alice, "dm.alice.zed", "carol"));
        assertEquals(2, chat.members(alice, "dm.alice.zed").size());
    }
}
