package dev.parley.core.engine;

import dev.parley.core.Change;
import dev.parley.core.Chat;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edits, deletions, reactions, replies and threads through the {@link Chat} API: who may do what,
 * what each posts to the log, the current state readers get, and the refusals that post nothing.
 */
@Timeout(60)
class LifecycleTest {
    private static final String ROOM = "team";

    private final Chat chat = TestChats.chat(TestChats.config().admins(java.util.Set.of("root")), new MutableClock());
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");
    private final User root = chat.register("root", "password-r");

    LifecycleTest() {
        chat.createRoom(alice, ROOM, Optional.empty(), Visibility.PRIVATE, List.of("bob", "root"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private Message say(User who, String text) {
        return chat.send(who, ROOM, Draft.of(text));
    }

    private long lastSeq() {
        List<Message> page = chat.history(alice, ROOM, PageRequest.latest(1)).messages();
        return page.isEmpty() ? 0 : page.get(0).seq();
    }

    /** Asserts the call is refused with {@code code} and posts nothing. */
    private void refusedWithNothingPosted(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        long before = lastSeq();
        assertRefused(code, call);
        assertEquals(before, lastSeq(), "a refusal posts nothing");
    }

    @Test
    void editPostsAnEditEntryAndReadersSeeTheNewText() {
        Message m = say(bob, "helo");
        Change c = chat.edit(bob, ROOM, m.id(), "hello", Optional.of("e-1"));
        Message entry = c.entry().orElseThrow();
        assertEquals(MessageKind.EDIT, entry.kind());
        assertEquals(OptionalLong.of(m.id()), entry.target());
        assertEquals(m.seq() + 1, entry.seq());
        assertEquals("hello", c.target().text());
        assertTrue(c.target().state().editedAt().isPresent());
        assertEquals("hello", chat.message(alice, ROOM, m.id()).text());
        List<Message> page = chat.history(alice, ROOM, PageRequest.after(m.seq() - 1, 10)).messages();
        assertEquals(List.of(MessageKind.CHAT, MessageKind.EDIT), page.stream().map(Message::kind).toList(),
                "the page is a true slice of the log: the message as it is now, then the EDIT entry");
    }

    @Test
    void onlyTheAuthorEditsAndOnlyTextMessages() throws Exception {
        Message m = say(bob, "mine");
        refusedWithNothingPosted(ErrorCode.FORBIDDEN, () -> chat.edit(alice, ROOM, m.id(), "theirs", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.FORBIDDEN, () -> chat.edit(root, ROOM, m.id(), "admin", Optional.empty()));
        SharedFile f = chat.shareFile(bob, ROOM, "a.txt", "text/plain",
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
        refusedWithNothingPosted(ErrorCode.FORBIDDEN,
                () -> chat.edit(bob, ROOM, f.message().id(), "renamed", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.NOT_FOUND, () -> chat.edit(bob, ROOM, m.id() + 999, "x", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.BAD_REQUEST, () -> chat.edit(bob, ROOM, m.id(), " ", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.FORBIDDEN, () -> chat.edit(carol, ROOM, m.id(), "x", Optional.empty()));
    }

    @Test
    void editOfADeletedMessageIsAConflictAndTheSameTextPostsNothing() {
        Message m = say(bob, "same");
        Change same = chat.edit(bob, ROOM, m.id(), "same", Optional.empty());
        assertEquals(Optional.empty(), same.entry());
        chat.delete(bob, ROOM, m.id(), Optional.empty());
        refusedWithNothingPosted(ErrorCode.CONFLICT, () -> chat.edit(bob, ROOM, m.id(), "back", Optional.empty()));
    }

    @Test
    void deleteByAuthorRoomOwnerOrServerAdminButNotAnotherMember() {
        Message byBob = say(bob, "one");
        Message byAlice = say(alice, "two");
        Message byRoot = say(root, "three");
        refusedWithNothingPosted(ErrorCode.FORBIDDEN, () -> chat.delete(bob, ROOM, byAlice.id(), Optional.empty()));
        assertEquals(MessageKind.DELETE, chat.delete(bob, ROOM, byBob.id(), Optional.empty()).entry().orElseThrow().kind());
        Change byOwner = chat.delete(alice, ROOM, byRoot.id(), Optional.empty());
        assertEquals("alice", byOwner.entry().orElseThrow().from());
        assertTrue(chat.delete(root, ROOM, byAlice.id(), Optional.empty()).target().state().deleted(),
                "a server admin may delete in any room they are in");
        Message gone = chat.message(alice, ROOM, byBob.id());
        assertTrue(gone.state().deleted());
        assertEquals("", gone.text());
        long last = lastSeq();
        assertEquals(Optional.empty(), chat.delete(bob, ROOM, byBob.id(), Optional.empty()).entry(),
                "deleting twice posts nothing");
        assertEquals(last, lastSeq());
    }

    @Test
    void deletingASharedFileDeletesItsBytes() throws Exception {
        SharedFile f = chat.shareFile(bob, ROOM, "a.txt", "text/plain",
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
        chat.openFile(alice, f.file().id()).content().close();
        Change c = chat.delete(bob, ROOM, f.message().id(), Optional.empty());
        assertTrue(c.target().file().isEmpty());
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openFile(alice, f.file().id()));
    }

    @Test
    void reactionsShowWithCountsAndMeAndTogglingTwiceIsANoOp() {
        Message m = say(bob, "party");
        chat.react(alice, ROOM, m.id(), "🎉", Optional.empty());
        chat.react(bob, ROOM, m.id(), "🎉", Optional.empty());
        chat.react(bob, ROOM, m.id(), "👍", Optional.empty());
        assertEquals(List.of(new Reaction("🎉", 2, true), new Reaction("👍", 1, false)),
                chat.message(alice, ROOM, m.id()).state().reactions());
        List<Message> page = chat.history(bob, ROOM, PageRequest.latest(50)).messages();
        Message inPage = page.stream().filter(x -> x.id() == m.id()).findFirst().orElseThrow();
        assertEquals(List.of(new Reaction("🎉", 2, true), new Reaction("👍", 1, true)), inPage.state().reactions());

        long last = lastSeq();
        assertEquals(Optional.empty(), chat.react(alice, ROOM, m.id(), "🎉", Optional.empty()).entry());
        assertEquals(Optional.empty(), chat.unreact(alice, ROOM, m.id(), "👍", Optional.empty()).entry());
        assertEquals(last, lastSeq());
        Message off = chat.unreact(alice, ROOM, m.id(), "🎉", Optional.empty()).entry().orElseThrow();
        assertEquals(MessageKind.REACTION, off.kind());
        assertFalse(off.reaction().orElseThrow().active());
    }

    @Test
    void reactionRefusals() {
        Message m = say(bob, "x");
        refusedWithNothingPosted(ErrorCode.BAD_REQUEST, () -> chat.react(alice, ROOM, m.id(), "", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.BAD_REQUEST,
                () -> chat.react(alice, ROOM, m.id(), "x".repeat(33), Optional.empty()));
        refusedWithNothingPosted(ErrorCode.BAD_REQUEST, () -> chat.react(alice, ROOM, m.id(), "a b", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.NOT_FOUND, () -> chat.react(alice, ROOM, 424242, "👍", Optional.empty()));
        refusedWithNothingPosted(ErrorCode.FORBIDDEN, () -> chat.react(carol, ROOM, m.id(), "👍", Optional.empty()));
        for (int i = 0; i < 20; i++) {
            chat.react(alice, ROOM, m.id(), "e" + i, Optional.empty());
        }
        refusedWithNothingPosted(ErrorCode.CONFLICT, () -> chat.react(bob, ROOM, m.id(), "e20", Optional.empty()));
        chat.delete(bob, ROOM, m.id(), Optional.empty());
        refusedWithNothingPosted(ErrorCode.CONFLICT, () -> chat.react(bob, ROOM, m.id(), "e1", Optional.empty()));
    }

    @Test
    void theSameClientMsgIdTwiceHasOneEffect() {
        Message m = say(bob, "x");
        Message first = chat.react(alice, ROOM, m.id(), "👍", Optional.of("r-1")).entry().orElseThrow();
        assertEquals(Optional.of(first), chat.react(alice, ROOM, m.id(), "👍", Optional.of("r-1")).entry());
        Message edit = chat.edit(bob, ROOM, m.id(), "y", Optional.of("e-1")).entry().orElseThrow();
        assertEquals(edit.id(), chat.edit(bob, ROOM, m.id(), "y", Optional.of("e-1")).entry().orElseThrow().id());
        assertEquals(1, chat.message(bob, ROOM, m.id()).state().reactions().get(0).count());
    }

    @Test
    void repliesQuoteAndThreadsCountTheirReplies() {
        Message root = say(alice, "topic");
        Message quote = chat.send(bob, ROOM, Draft.of("about that").replyingTo(root.id()));
        assertEquals(OptionalLong.of(root.id()), quote.replyTo());
        Message r1 = chat.send(bob, ROOM, Draft.of("r1").inThread(root.id()));
        Message r2 = chat.send(alice, ROOM, Draft.of("r2").inThread(root.id()).replyingTo(r1.id()));
        assertEquals(OptionalLong.of(root.id()), r2.thread());
        Message now = chat.message(bob, ROOM, root.id());
        assertEquals(2, now.state().replies());
        assertEquals(Optional.of(r2.createdAt()), now.state().lastReplyAt());
        assertEquals(List.of("r1", "r2"), chat.thread(bob, ROOM, root.id(), PageRequest.latest(10)).messages().stream()
                .map(Message::text).toList());

        refusedWithNothingPosted(ErrorCode.BAD_REQUEST, () -> chat.send(bob, ROOM, Draft.of("deeper").inThread(r1.id())));
        refusedWithNothingPosted(ErrorCode.NOT_FOUND, () -> chat.send(bob, ROOM, Draft.of("x").inThread(999999)));
        refusedWithNothingPosted(ErrorCode.NOT_FOUND, () -> chat.send(bob, ROOM, Draft.of("x").replyingTo(999999)));
        chat.join(alice, Chat.GENERAL_ROOM);
        Message elsewhere = chat.send(alice, Chat.GENERAL_ROOM, Draft.of("general"));
        refusedWithNothingPosted(ErrorCode.NOT_FOUND,
                () -> chat.send(bob, ROOM, Draft.of("x").replyingTo(elsewhere.id())));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.thread(bob, ROOM, 999999, PageRequest.latest(10)));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.thread(carol, ROOM, root.id(), PageRequest.latest(10)));
    }

    @Test
    void directRoomsTakeTheSameActsForTheirTwoMembers() {
        Message dm = chat.sendDirect(alice, "bob", Draft.of("psst"));
        String room = dm.room();
        Message reply = chat.sendDirect(bob, "alice", Draft.of("yes?").replyingTo(dm.id()));
        assertEquals(OptionalLong.of(dm.id()), reply.replyTo());
        chat.edit(alice, room, dm.id(), "psst!", Optional.empty());
        chat.react(bob, room, dm.id(), "👀", Optional.empty());
        assertEquals("psst!", chat.message(bob, room, dm.id()).text());
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.message(carol, room, dm.id()));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.react(carol, room, dm.id(), "👀", Optional.empty()));
    }

    @Test
    void entriesOtherThanMessagesCanBeReadButNotActedOn() {
        chat.createRoom(alice, "open", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.join(bob, "open");
        Message joined = chat.history(alice, "open", PageRequest.latest(50)).messages().stream()
                .filter(m -> m.kind() == MessageKind.USER_JOINED).findFirst().orElseThrow();
        Message m = chat.send(bob, "open", Draft.of("x"));
        Message edit = chat.edit(bob, "open", m.id(), "y", Optional.empty()).entry().orElseThrow();
        for (Message entry : List.of(joined, edit)) {
            assertRefused(ErrorCode.FORBIDDEN, () -> chat.react(bob, "open", entry.id(), "👍", Optional.empty()));
            assertRefused(ErrorCode.FORBIDDEN, () -> chat.delete(alice, "open", entry.id(), Optional.empty()));
            assertRefused(ErrorCode.FORBIDDEN, () -> chat.edit(bob, "open", entry.id(), "z", Optional.empty()));
            assertRefused(ErrorCode.NOT_FOUND, () -> chat.send(bob, "open", Draft.of("quote").replyingTo(entry.id())));
            assertEquals(entry.kind(), chat.message(alice, "open", entry.id()).kind());
        }
        assertEquals(edit.seq(), chat.history(alice, "open", PageRequest.latest(1)).messages().get(0).seq(),
                "none of the refusals posted anything");
    }
}
