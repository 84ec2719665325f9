package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.Draft;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @username} mentions: who counts as mentioned, how edits change it, and the {@code mention} frame. */
@Timeout(60)
class MentionsTest {
    private final Chat chat = TestChats.chat();
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("Bob.B", "password-b");
    private final User carol = chat.register("carol", "password-c");
    private final User dave = chat.register("dave", "password-d");

    MentionsTest() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PRIVATE, List.of("Bob.B", "carol"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private List<String> mentions(String text) {
        return chat.send(alice, "lobby", Draft.of(text)).mentions();
    }

    @Test
    void membersAreMentionedCaseInsensitivelyOnceEachAsRegistered() {
        assertEquals(List.of("Bob.B", "carol"), mentions("@bob.b and @CAROL, and @Bob.B again"));
        assertEquals(List.of("Bob.B"), mentions("thanks @bob.b."), "a trailing dot ends the name");
        assertEquals(List.of("carol"), mentions("(@carol)"));
        assertEquals(List.of("carol"), mentions("@carol: look"));
    }

    @Test
    void nonMembersUnknownNamesAndAddressesAreNoMentions() {
        assertEquals(List.of(), mentions("hey @dave"), "dave is no member of the room");
        assertEquals(List.of(), mentions("hey @nobody"));
        assertEquals(List.of(), mentions("mail carol@carol.org or x@carol"), "no word boundary before the @");
        assertEquals(List.of(), mentions("@@carol @ carol"));
        assertEquals(List.of(), mentions("@carolyn"), "a longer name is another name");
    }

    @Test
    void theMessageCarriesItsMentionsInHistoryAndAsEditsLeaveThem() {
        Message m = chat.send(alice, "lobby", Draft.of("hi @carol"));
        assertEquals(List.of("carol"), chat.message(bob, "lobby", m.id()).mentions());
        chat.edit(alice, "lobby", m.id(), "hi @bob.b", Optional.empty());
        assertEquals(List.of("Bob.B"), chat.message(bob, "lobby", m.id()).mentions(), "current state after the edit");
        Message edit = chat.history(bob, "lobby", PageRequest.latest(1)).messages().get(0);
        assertEquals(MessageKind.EDIT, edit.kind());
        assertEquals(List.of("Bob.B"), edit.mentions(), "the EDIT entry carries the new text's mentions");
        chat.delete(alice, "lobby", m.id(), Optional.empty());
        assertEquals(List.of(), chat.message(bob, "lobby", m.id()).mentions());
    }

    @Test
    void aMentionReachesTheMentionedUsersConnectionsThatAreNotSubscribed() throws Exception {
        TestClient carolAway = TestClient.connect(chat, carol);
        TestClient carolHere = TestClient.connect(chat, carol);
        carolHere.subscribe("lobby");
        TestClient b = TestClient.connect(chat, bob);
        Message m = chat.send(alice, "lobby", Draft.of("@carol look"));
        ServerFrame.Mention mention = carolAway.next(ServerFrame.Mention.class);
        assertEquals(m.id(), mention.message().id());
        assertEquals(List.of("carol"), mention.message().mentions());
        List<ServerFrame> here = carolHere.sync();
        assertTrue(here.stream().noneMatch(f -> f instanceof ServerFrame.Mention), "a subscribed connection has the message");
        assertTrue(here.stream().anyMatch(f -> f instanceof ServerFrame.MessageFrame mf && mf.message().id() == m.id()));
        assertTrue(b.sync().stream().noneMatch(f -> f instanceof ServerFrame.Mention), "only the mentioned are told");
    }

    @Test
    void aMentionInADirectConversationIsNoExtraFrame() throws Exception {
        TestClient c = TestClient.connect(chat, carol);
        Message m = chat.sendDirect(alice, "carol", Draft.of("@carol psst"));
        assertEquals(List.of("carol"), m.mentions());
        List<ServerFrame> frames = c.sync();
        assertTrue(frames.stream().noneMatch(f -> f instanceof ServerFrame.Mention), "the direct room is delivered anyway: " + frames);
    }
}
