package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence and typing. The engine runs on one thread of the test's, so that {@link #settle()} can
 * wait until everything the engine was asked to do is done, and a test can then assert that a
 * frame did not come.
 */
@Timeout(60)
class PresenceAndTypingTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Chat chat = Chat.builder().config(TestChats.config().build()).clock(new MutableClock())
            .executor(executor).build();
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    PresenceAndTypingTest() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.join(bob, "lobby");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        chat.close();
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Waits until the engine's thread has run every task queued so far. */
    private void settle() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static List<ServerFrame.Presence> presences(List<ServerFrame> frames) {
        return frames.stream().filter(ServerFrame.Presence.class::isInstance).map(ServerFrame.Presence.class::cast).toList();
    }

    @Test
    void connectingUserIsAnnouncedOnlineToUsersSharingARoomOnly() throws Exception {
        TestClient aliceLive = TestClient.connect(chat, alice);
        TestClient carolLive = TestClient.connect(chat, carol);
        settle();
        assertEquals(List.of(), presences(aliceLive.sync()), "alice and carol share no room");

        TestClient.connect(chat, bob);
        settle();

        assertEquals(List.of(new ServerFrame.Presence("bob", true)), presences(aliceLive.sync()));
        assertEquals(List.of(), presences(carolLive.sync()));
    }

    @Test
    void aDirectConversationCountsAsASharedRoom() throws Exception {
        chat.sendDirect(carol, "bob", "hi", Optional.empty());
        TestClient carolLive = TestClient.connect(chat, carol);
        settle();
        TestClient.connect(chat, bob);
        settle();
        assertEquals(List.of(new ServerFrame.Presence("bob", true)), presences(carolLive.sync()));
    }

    @Test
    void aSecondSessionOfTheSameUserDoesNotRepeatOnline() throws Exception {
        TestClient aliceLive = TestClient.connect(chat, alice);
        TestClient.connect(chat, bob);
        settle();
        assertEquals(1, presences(aliceLive.sync()).size());

        TestClient.connect(chat, bob);
        settle();
        assertEquals(List.of(), presences(aliceLive.sync()));
    }

    @Test
    void offlineIsAnnouncedWhenTheLastSessionCloses() throws Exception {
        TestClient aliceLive = TestClient.connect(chat, alice);
        TestClient first = TestClient.connect(chat, bob);
        TestClient second = TestClient.connect(chat, bob);
        settle();
        aliceLive.sync();

        first.session.closed();
        settle();
        assertEquals(List.of(), presences(aliceLive.sync()), "bob still has a session");
        assertTrue(chat.user("bob").online());

        second.session.closed();
        settle();
        assertEquals(List.of(new ServerFrame.Presence("bob", false)), presences(aliceLive.sync()));
        assertFalse(chat.user("bob").online());
    }

    @Test
    void onlineUsersListsUsersWithALiveSessionByName() throws Exception {
        assertEquals(List.of(), chat.onlineUsers());
        TestClient carolLive = TestClient.connect(chat, carol);
        TestClient.connect(chat, alice);
        TestClient.connect(chat, alice);
        assertEquals(List.of("alice", "carol"), chat.onlineUsers().stream().map(UserProfile::username).toList());
        assertTrue(chat.onlineUsers().stream().allMatch(UserProfile::online));
        carolLive.session.closed();
        settle();
        assertEquals(List.of("alice"), chat.onlineUsers().stream().map(UserProfile::username).toList());
    }

    @Test
    void typingReachesOtherSubscribersButNotTheTypist() throws Exception {
        chat.join(carol, "lobby");
        TestClient typist = TestClient.connect(chat, alice);
        TestClient subscriber = TestClient.connect(chat, bob);
        TestClient notSubscribed = TestClient.connect(chat, carol);
        typist.subscribe("lobby");
        subscriber.subscribe("lobby");
        settle();
        typist.sync();
        notSubscribed.sync();

        typist.send("{\"type\":\"typing\",\"room\":\"lobby\",\"active\":true}");
        assertEquals(new ServerFrame.Typing("lobby", "alice", true), subscriber.next(ServerFrame.Typing.class));
        typist.send("{\"type\":\"typing\",\"room\":\"lobby\",\"active\":false}");
        assertEquals(new ServerFrame.Typing("lobby", "alice", false), subscriber.next(ServerFrame.Typing.class));

        assertEquals(List.of(), typist.sync(), "the typist hears nothing of its own typing");
        assertEquals(List.of(), notSubscribed.sync(), "typing goes to subscribers only");
        assertEquals(2, chat.history(alice, "lobby", PageRequest.latest(50)).messages().size(),
                "typing is not stored: the room holds only bob's and carol's joins");
    }

    @Test
    void typingInARoomOfWhichOneIsNotAMemberIsRefused() throws Exception {
        TestClient c = TestClient.connect(chat, carol);
        c.send("{\"type\":\"typing\",\"room\":\"lobby\",\"active\":true}");
        c.error(ErrorCode.FORBIDDEN, Optional.of("lobby"));
        c.send("{\"type\":\"typing\",\"room\":\"nowhere\",\"active\":true}");
        c.error(ErrorCode.NOT_FOUND, Optional.of("nowhere"));
    }
}
