package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.Draft;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.protocol.wire.ServerFrame.RoomEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The live room list: {@code room} frames for new public rooms and for the user's own memberships. */
@Timeout(60)
class RoomFramesTest {
    private final Chat chat = TestChats.chat();
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private static List<String> roomFrames(TestClient c) throws InterruptedException {
        return c.sync().stream().filter(f -> f instanceof ServerFrame.RoomChanged)
                .map(f -> ((ServerFrame.RoomChanged) f).event().wireName() + " " + ((ServerFrame.RoomChanged) f).room().id())
                .toList();
    }

    @Test
    void aNewPublicRoomReachesEveryConnectionAndAPrivateOneOnlyItsMembers() throws Exception {
        TestClient b = TestClient.connect(chat, bob);
        TestClient c = TestClient.connect(chat, carol);
        chat.createRoom(alice, "open", Optional.empty(), Visibility.PUBLIC, List.of());
        assertEquals(List.of("created open"), roomFrames(b));
        assertEquals(List.of("created open"), roomFrames(c));
        chat.createRoom(alice, "secret", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        assertEquals(List.of("added secret"), roomFrames(b));
        assertEquals(List.of(), roomFrames(c), "a private room is told to its members only");
    }

    @Test
    void joiningBeingAddedAndLeavingReachEverySessionOfTheUser() throws Exception {
        chat.createRoom(alice, "open", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of());
        TestClient tab1 = TestClient.connect(chat, bob);
        TestClient tab2 = TestClient.connect(chat, bob);
        TestClient other = TestClient.connect(chat, carol);
        chat.join(bob, "open");
        chat.addMember(alice, "team", "bob");
        chat.leave(bob, "open");
        for (TestClient tab : List.of(tab1, tab2)) {
            assertEquals(List.of("added open", "added team", "removed open"), roomFrames(tab));
        }
        assertEquals(List.of(), roomFrames(other));
    }

    @Test
    void aKickOrABanOfAMemberIsOneRemovedFrameAndABanOfANonMemberIsNone() throws Exception {
        chat.createRoom(alice, "open", Optional.empty(), Visibility.PUBLIC, List.of("bob"));
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        TestClient b = TestClient.connect(chat, bob);
        TestClient c = TestClient.connect(chat, carol);
        chat.admin().ban(alice, "open", "carol", Optional.empty(), Optional.empty());
        chat.admin().ban(alice, "team", "carol", Optional.empty(), Optional.empty());
        assertEquals(List.of(), roomFrames(c), "carol was in neither room: nothing was removed from her list");
        chat.admin().kick(alice, "open", "bob");
        chat.admin().ban(alice, "team", "bob", Optional.empty(), Optional.empty());
        assertEquals(List.of("removed open", "removed team"), roomFrames(b));
        chat.admin().ban(alice, "open", "bob", Optional.empty(), Optional.empty());
        assertEquals(List.of(), roomFrames(b), "banned after the kick: already out of the room");
    }

    @Test
    void aFirstDirectMessageAddsTheConversationToBothUsersLists() throws Exception {
        TestClient a = TestClient.connect(chat, alice);
        TestClient b = TestClient.connect(chat, bob);
        chat.sendDirect(alice, "bob", Draft.of("hi"));
        assertEquals(List.of("added dm.alice.bob"), roomFrames(a));
        assertEquals(List.of("added dm.alice.bob"), roomFrames(b));
        chat.sendDirect(bob, "alice", Draft.of("hello"));
        assertEquals(List.of(), roomFrames(b), "only the first message creates the conversation");
    }
}
