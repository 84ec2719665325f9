package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Blocks: a blocked user's direct messages to the blocker are refused, over every way in. */
@Timeout(60)
class BlocksTest {
    private static final String PASSWORD = "correct-horse";

    private final Chat chat = TestChats.chat();
    private final User alice = chat.register("alice", PASSWORD);
    private final User bob = chat.register("Bob", PASSWORD);

    @AfterEach
    void tearDown() {
        chat.close();
    }

    @Test
    void aBlockedUsersDirectMessagesAreForbiddenAndStoreNothing() {
        chat.sendDirect(bob, "alice", "hello", Optional.empty());
        chat.block(alice, "bob");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.sendDirect(bob, "alice", "hello again", Optional.empty()));
        String dm = InputRules.directRoomId("alice", "bob");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, dm, "through the room id", Optional.empty()),
                "posting into the direct room by its id is a direct message too");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.shareFile(bob, dm, "a.txt", "text/plain",
                new ByteArrayInputStream(new byte[]{1})));
        assertEquals(1, chat.directHistory(alice, "bob", PageRequest.latest(50)).messages().size(), "only the first is stored");
    }

    @Test
    void aBlockedUserCannotOpenADirectConversation() {
        chat.block(alice, "bob");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.sendDirect(bob, "alice", "hi", Optional.empty()));
        assertFalse(chat.rooms(alice).stream().anyMatch(r -> r.room().id().startsWith("dm.")), "no direct room was created");
    }

    @Test
    void aBlockIsOneWayAndOnlyForDirectMessages() {
        chat.block(alice, "bob");
        chat.sendDirect(alice, "bob", "I may still write", Optional.empty());
        chat.join(bob, Chat.GENERAL_ROOM);
        chat.send(bob, Chat.GENERAL_ROOM, "a room is not a direct message", Optional.empty());
    }

    @Test
    void unblockingLetsDirectMessagesThroughAgain() {
        chat.block(alice, "bob");
        chat.unblock(alice, "BOB");
        chat.sendDirect(bob, "alice", "back again", Optional.empty());
        chat.unblock(alice, "bob"); // one that is not there: a no-op
    }

    @Test
    void blocksAreListedByName() {
        chat.register("carol", PASSWORD);
        chat.block(alice, "carol");
        chat.block(alice, "bob");
        chat.block(alice, "bob");
        List<String> names = chat.blocks(alice).stream().map(UserProfile::username).toList();
        assertEquals(List.of("Bob", "carol"), names, "each once, in the case the user registered with");
        assertEquals(List.of(), chat.blocks(bob));
    }

    @Test
    void blockingYourselfOrAnUnknownUserIsRefusedAndChangesNothing() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.block(alice, "ALICE"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.block(alice, "nobody"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.block(alice, "not a name!"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.unblock(alice, "nobody"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.block(alice, null));
        assertEquals(List.of(), chat.blocks(alice));
    }

    @Test
    void aBlockedUsersDmFrameIsAnsweredWithAForbiddenErrorFrame() throws Exception {
        chat.block(alice, "bob");
        TestClient client = TestClient.connect(chat, bob);
        client.send("{\"type\":\"dm\",\"to\":\"alice\",\"text\":\"hi\",\"clientMsgId\":\"c-1\"}");
        client.error(ErrorCode.FORBIDDEN, Optional.of("c-1"));
        client.send("{\"type\":\"send\",\"room\":\"" + InputRules.directRoomId("alice", "bob")
                + "\",\"text\":\"hi\",\"clientMsgId\":\"c-2\"}");
        // No direct room exists yet, so bob is no member of it: refused either way, and nothing stored.
        ServerFrame.Error e = client.next(ServerFrame.Error.class);
        assertEquals(Optional.of("c-2"), e.ref());
        assertEquals(0, chat.directHistory(alice, "bob", PageRequest.latest(50)).messages().size());
    }
}
