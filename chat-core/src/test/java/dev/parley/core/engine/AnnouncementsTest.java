package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Server announcements by admins. */
@Timeout(60)
class AnnouncementsTest {
    private final Chat chat = TestChats.chat(TestChats.config().admin("Boss"), new MutableClock());
    private final User boss = chat.register("boss", "password-boss");
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");

    @AfterEach
    void tearDown() {
        chat.close();
    }

    @Test
    void nonAdminCannotAnnounce() {
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.announce(alice, "I am in charge now"));
        assertEquals(Optional.empty(), chat.latestAnnouncement());
    }

    @Test
    void latestAnnouncementIsEmptyBeforeAny() {
        assertEquals(Optional.empty(), chat.latestAnnouncement());
    }

    @Test
    void announcementReachesEveryConnectedSessionAsASystemMessage() throws Exception {
        chat.join(alice, Chat.GENERAL_ROOM);
        TestClient subscribed = TestClient.connect(chat, alice);
        subscribed.subscribe(Chat.GENERAL_ROOM);
        TestClient idle = TestClient.connect(chat, bob);
        TestClient adminsOwn = TestClient.connect(chat, boss);

        Message m = chat.announce(boss, "maintenance at noon");

        assertEquals(MessageKind.SYSTEM, m.kind());
        assertEquals("maintenance at noon", m.text());
        for (TestClient c : List.of(subscribed, idle, adminsOwn)) {
            assertEquals(m, c.next(ServerFrame.MessageFrame.class).message());
        }
        assertEquals(List.of(), subscribed.sync(), "once, not once per room");
    }

    @Test
    void latestAnnouncementReturnsTheLastOne() {
        chat.announce(boss, "first");
        Message second = chat.announce(boss, "second");
        assertEquals(Optional.of(second), chat.latestAnnouncement());
    }

    @Test
    void announcementTextFollowsTheMessageRules() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.announce(boss, " "));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.announce(boss, "x".repeat(4001)));
        assertFalse(chat.latestAnnouncement().isPresent());
    }
}
