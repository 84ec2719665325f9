package dev.parley.core.spi.contract;

import dev.parley.protocol.Role;
import dev.parley.protocol.RoomAct;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReactionChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The v2 half of the {@link MessageStore} promise: entries acting on a message (EDIT, DELETE,
 * REACTION) and thread replies are applied to its current state in the step that appends them,
 * decided by {@link dev.parley.core.spi.LogRules}, and an entry that changes nothing or is refused
 * leaves nothing behind. {@link MessageStoreContract} runs it as a nested suite, so every store that
 * runs that contract runs this one on a fresh store of its own.
 */
public abstract class MessageLifecycleContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ROOM = "lobby";

    /** A new, empty store; called once before each test. */
    protected abstract MessageStore newStore();

    private MessageStore store;
    private final AtomicLong nextId = new AtomicLong(5000);
    private final LongSupplier ids = nextId::incrementAndGet;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private Message post(String from, String text) {
        return store.append(new NewMessage(ROOM, MessageKind.CHAT, from, text, T0, Optional.empty(), Optional.empty()),
                ids).message();
    }

    private Message reply(String from, String text, long root) {
        return store.append(new NewMessage(ROOM, MessageKind.CHAT, from, text, T0.plusSeconds(60), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.of(root), OptionalLong.empty(), Optional.empty()),
                ids).message();
    }

    private AppendResult edit(long target, String from, String text) {
        return store.append(NewMessage.acting(ROOM, MessageKind.EDIT, from, text, T0.plusSeconds(5), Optional.empty(),
                target, Optional.empty()), ids);
    }

    private AppendResult delete(long target, String from) {
        return store.append(NewMessage.acting(ROOM, MessageKind.DELETE, from, "", T0.plusSeconds(9), Optional.empty(),
                target, Optional.empty()), ids);
    }

    private AppendResult react(long target, String from, String emoji, boolean active) {
        return react(target, from, emoji, active, Optional.empty());
    }

    private AppendResult react(long target, String from, String emoji, boolean active, Optional<String> clientMsgId) {
        return store.append(NewMessage.acting(ROOM, MessageKind.REACTION, from, "", T0.plusSeconds(7), clientMsgId,
                target, Optional.of(new ReactionChange(emoji, active))), ids);
    }

    private Message current(long id) {
        return store.find(ROOM, id).orElseThrow();
    }

    /**
     * The message's reactions as {@code viewer} sees them, asserting that both ways of reading them
     * agree: by id ({@link MessageStore#reactions}) and for a page ({@link MessageStore#reactionsOf},
     * whatever the store puts on the page's messages beside it).
     */
    private List<Reaction> reactions(long id, String viewer) {
        List<Reaction> byId = store.reactions(ROOM, List.of(id), viewer).getOrDefault(id, List.of());
        List<Message> page = store.page(ROOM, PageRequest.latest(PageRequest.MAX_LIMIT)).messages();
        page.stream().filter(m -> m.id() == id && !m.state().deleted()).findFirst().ifPresent(m -> assertEquals(byId,
                store.reactionsOf(ROOM, page, viewer).getOrDefault(id, m.state().reactions()),
                "the reactions of message " + id + " read for a page, as " + viewer + " sees them"));
        return byId;
    }

    /** The refusal's code, asserting that the refusal stored nothing. */
    private ErrorCode refused(Executable append) {
        long before = store.lastSeq(ROOM);
        ChatException e = assertThrows(ChatException.class, append);
        assertEquals(before, store.lastSeq(ROOM), "a refused entry stores nothing");
        return e.code();
    }

    // ---- edit -------------------------------------------------------------------------------

    @Test
    void editIsAnEntryOfItsOwnAndTheTargetReadsTheNewText() {
        Message m = post("alice", "helo");
        Message e = edit(m.id(), "alice", "hello").message();
        assertEquals(MessageKind.EDIT, e.kind());
        assertEquals(m.seq() + 1, e.seq());
        assertEquals(OptionalLong.of(m.id()), e.target());
        assertEquals("hello", e.text());
        Message now = current(m.id());
        assertEquals("hello", now.text());
        assertEquals(Optional.of(T0.plusSeconds(5)), now.state().editedAt());
        assertEquals(m.seq(), now.seq(), "an edit does not move the message");
        List<Message> page = store.page(ROOM, PageRequest.latest(10)).messages();
        assertEquals(List.of("hello", "hello"), page.stream().map(Message::text).toList(),
                "the page holds the message as it is now, then the EDIT entry");
        assertEquals(Optional.of(e), store.find(ROOM, e.id()));
    }

    @Test
    void editToTheTextItHasStoresNothing() {
        Message m = post("alice", "same");
        assertEquals(AppendResult.nothing(), edit(m.id(), "alice", "same"));
        assertEquals(m.seq(), store.lastSeq(ROOM));
        assertTrue(current(m.id()).state().editedAt().isEmpty());
    }

    @Test
    void editOfADeletedMessageIsAConflict() {
        Message m = post("alice", "gone soon");
        delete(m.id(), "alice");
        assertEquals(ErrorCode.CONFLICT, refused(() -> edit(m.id(), "alice", "back")));
    }

    @Test
    void entriesOnAMessageThatIsNotThereAreNotFound() {
        Message m = post("alice", "here");
        Message joined = store.append(new NewMessage(ROOM, MessageKind.USER_JOINED, "bob", "bob joined", T0,
                Optional.empty(), Optional.empty()), ids).message();
        Message elsewhere = store.append(new NewMessage("other", MessageKind.CHAT, "alice", "x", T0,
                Optional.empty(), Optional.empty()), ids).message();
        for (long target : new long[] {m.id() + 1000, joined.id(), elsewhere.id()}) {
            assertEquals(ErrorCode.NOT_FOUND, refused(() -> edit(target, "alice", "y")));
            assertEquals(ErrorCode.NOT_FOUND, refused(() -> delete(target, "alice")));
            assertEquals(ErrorCode.NOT_FOUND, refused(() -> react(target, "alice", "👍", true)));
        }
        Message edit = edit(m.id(), "alice", "there").message();
        assertEquals(ErrorCode.NOT_FOUND, refused(() -> react(edit.id(), "bob", "👍", true)),
                "a lifecycle entry is not a message to act on");
    }

    // ---- delete -----------------------------------------------------------------------------

    @Test
    void deleteBlanksTheTextItsEditsItsReactionsAndItsFile() {
        FileInfo file = new FileInfo("f-1", "a.txt", 3, "text/plain");
        Message shared = store.append(new NewMessage(ROOM, MessageKind.FILE_SHARED, "alice", "a.txt", T0,
                Optional.empty(), Optional.of(file)), ids).message();
        Message m = post("alice", "secret");
        Message edit = edit(m.id(), "alice", "more secret").message();
        react(m.id(), "bob", "👀", true);

        Message d = delete(m.id(), "carol").message();
        assertEquals(MessageKind.DELETE, d.kind());
        assertEquals("carol", d.from());
        assertEquals(OptionalLong.of(m.id()), d.target());
        Message now = current(m.id());
        assertTrue(now.state().deleted());
        assertEquals("", now.text());
        assertEquals("", current(edit.id()).text(), "the EDIT entries that targeted it read empty too");
        assertEquals(List.of(), reactions(m.id(), "bob"));

        delete(shared.id(), "alice");
        assertTrue(current(shared.id()).file().isEmpty());
        assertEquals("", current(shared.id()).text());
        assertEquals(Optional.empty(), store.findByFileId("f-1"));
    }

    @Test
    void deletingTwiceStoresNothing() {
        Message m = post("alice", "x");
        delete(m.id(), "alice");
        long last = store.lastSeq(ROOM);
        assertEquals(AppendResult.nothing(), delete(m.id(), "bob"));
        assertEquals(last, store.lastSeq(ROOM));
    }

    // ---- reactions --------------------------------------------------------------------------

    @Test
    void reactionsCountPerEmojiInOrderOfFirstUseWithMeForTheReader() {
        Message m = post("alice", "party");
        Message r = react(m.id(), "bob", "🎉", true).message();
        assertEquals(MessageKind.REACTION, r.kind());
        assertEquals(Optional.of(new ReactionChange("🎉", true)), r.reaction());
        react(m.id(), "carol", "👍", true);
        react(m.id(), "alice", "🎉", true);
        assertEquals(List.of(new Reaction("🎉", 2, true), new Reaction("👍", 1, false)), reactions(m.id(), "bob"));
        assertEquals(List.of(new Reaction("🎉", 2, false), new Reaction("👍", 1, true)), reactions(m.id(), "carol"));
        assertEquals(List.of(new Reaction("🎉", 2, false), new Reaction("👍", 1, false)), reactions(m.id(), "dave"));

        Message off = react(m.id(), "carol", "👍", false).message();
        assertFalse(off.reaction().orElseThrow().active());
        assertEquals(List.of(new Reaction("🎉", 2, true)), reactions(m.id(), "bob"));
    }

    @Test
    void anEmojiWhoseFirstHolderTakesItBackTakesThePlaceOfItsNextHolder() {
        Message m = post("alice", "party");
        react(m.id(), "bob", "🎉", true);
        react(m.id(), "carol", "👍", true);
        react(m.id(), "dave", "🔥", true);
        react(m.id(), "alice", "🎉", true);
        assertEquals(List.of("🎉", "👍", "🔥"), reactions(m.id(), "bob").stream().map(Reaction::emoji).toList());

        react(m.id(), "bob", "🎉", false); // 🎉's earliest holder is now alice, after dave's 🔥
        assertEquals(List.of(new Reaction("👍", 1, false), new Reaction("🔥", 1, false), new Reaction("🎉", 1, true)),
                reactions(m.id(), "alice"));
        react(m.id(), "carol", "👍", false);
        react(m.id(), "carol", "👍", true);
        assertEquals(List.of("🔥", "🎉", "👍"), reactions(m.id(), "carol").stream().map(Reaction::emoji).toList());
    }

    @Test
    void anEditKeepsTheReactionsAndATakenBackReactionLeavesThePageAsBefore() {
        Message m = post("alice", "typo");
        react(m.id(), "bob", "👍", true);
        edit(m.id(), "alice", "fixed");
        assertEquals(List.of(new Reaction("👍", 1, true)), reactions(m.id(), "bob"));
        assertEquals(List.of(new Reaction("👍", 1, false)), reactions(m.id(), "alice"));
        react(m.id(), "bob", "👍", false);
        assertEquals(List.of(), reactions(m.id(), "bob"));
        assertEquals(Map.of(), store.reactionsOf(ROOM, store.page(ROOM, PageRequest.latest(10)).messages(), "bob"));
    }

    @Test
    void reactionsOfSeveralMessagesComeInOneCallAndEmptyOnesAreLeftOut() {
        Message a = post("alice", "a");
        Message b = post("alice", "b");
        Message c = post("alice", "c");
        react(a.id(), "bob", "1", true);
        react(c.id(), "bob", "3", true);
        Map<Long, List<Reaction>> all = store.reactions(ROOM, List.of(a.id(), b.id(), c.id()), "bob");
        assertEquals(Map.of(a.id(), List.of(new Reaction("1", 1, true)), c.id(), List.of(new Reaction("3", 1, true))), all);
    }

    @Test
    void addingAReactionHeldOrRemovingOneNotHeldStoresNothing() {
        Message m = post("alice", "x");
        react(m.id(), "bob", "👍", true);
        long last = store.lastSeq(ROOM);
        assertEquals(AppendResult.nothing(), react(m.id(), "bob", "👍", true));
        assertEquals(AppendResult.nothing(), react(m.id(), "bob", "🎉", false));
        assertEquals(AppendResult.nothing(), react(m.id(), "carol", "👍", false));
        assertEquals(last, store.lastSeq(ROOM));
        assertEquals(List.of(new Reaction("👍", 1, true)), reactions(m.id(), "bob"));
    }

    @Test
    void aMessageHoldsAtMostTwentyDistinctEmoji() {
        Message m = post("alice", "x");
        for (int i = 0; i < InputRules.MAX_REACTIONS; i++) {
            react(m.id(), "bob", "e" + i, true);
        }
        assertEquals(ErrorCode.CONFLICT, refused(() -> react(m.id(), "bob", "e-new", true)));
        react(m.id(), "carol", "e3", true); // one already there still counts
        assertEquals(InputRules.MAX_REACTIONS, reactions(m.id(), "carol").size());
        react(m.id(), "bob", "e0", false);
        react(m.id(), "bob", "e-new", true); // room again once one is gone
        assertEquals("e-new", reactions(m.id(), "bob").get(InputRules.MAX_REACTIONS - 1).emoji());
    }

    @Test
    void reactingToADeletedMessageIsAConflict() {
        Message m = post("alice", "x");
        delete(m.id(), "alice");
        assertEquals(ErrorCode.CONFLICT, refused(() -> react(m.id(), "bob", "👍", true)));
        assertEquals(AppendResult.nothing(), react(m.id(), "bob", "👍", false));
    }

    @Test
    void anEntrysClientMsgIdRepeatedHasOneEffect() {
        Message m = post("alice", "x");
        Message first = react(m.id(), "bob", "👍", true, Optional.of("r-1")).message();
        AppendResult again = react(m.id(), "bob", "👍", true, Optional.of("r-1"));
        assertFalse(again.created());
        assertEquals(first.id(), again.message().id());
        assertEquals(List.of(new Reaction("👍", 1, true)), reactions(m.id(), "bob"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void membersReactingAndUnreactingAtOnceEndWithTheCountOfTheirLastActions() throws Exception {
        Message m = post("alice", "vote");
        int members = 20;
        List<Boolean> last = Together.run(members, i -> () -> {
            Random random = new Random(i);
            boolean active = false;
            for (int step = 0; step < 8; step++) {
                active = random.nextBoolean();
                store.appendAsync(NewMessage.acting(ROOM, MessageKind.REACTION, "user" + i, "", T0, Optional.empty(),
                        m.id(), Optional.of(new ReactionChange("👍", active))), ids).get(30, TimeUnit.SECONDS);
            }
            return active;
        });
        int expected = (int) last.stream().filter(b -> b).count();
        List<Reaction> now = reactions(m.id(), "user0");
        assertEquals(expected, now.isEmpty() ? 0 : now.get(0).count());
        List<Long> seqs = new ArrayList<>();
        for (Message e : store.page(ROOM, PageRequest.latest(200)).messages()) {
            seqs.add(e.seq());
        }
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "the log stays gap-free");
        }
    }

    // ---- threads and replies ----------------------------------------------------------------

    @Test
    void threadRepliesCountOnTheRootAndPageAscending() {
        Message root = post("alice", "topic");
        post("bob", "not in the thread");
        List<Message> replies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            replies.add(reply("bob", "r" + i, root.id()));
        }
        Message now = current(root.id());
        assertEquals(5, now.state().replies());
        assertEquals(Optional.of(T0.plusSeconds(60)), now.state().lastReplyAt());
        assertEquals(OptionalLong.of(root.id()), current(replies.get(0).id()).thread());

        HistoryPage latest = store.thread(ROOM, root.id(), PageRequest.latest(3));
        assertEquals(List.of("r3", "r4", "r5"), latest.messages().stream().map(Message::text).toList());
        assertTrue(latest.hasMore());
        HistoryPage older = store.thread(ROOM, root.id(), PageRequest.before(latest.messages().get(0).seq(), 3));
        assertEquals(List.of("r1", "r2"), older.messages().stream().map(Message::text).toList());
        assertFalse(older.hasMore());
        HistoryPage after = store.thread(ROOM, root.id(), PageRequest.after(replies.get(3).seq(), 10));
        assertEquals(List.of("r5"), after.messages().stream().map(Message::text).toList());
        assertEquals(new HistoryPage(List.of(), false), store.thread(ROOM, replies.get(0).id(), PageRequest.latest(5)));

        delete(replies.get(4).id(), "bob");
        assertEquals(4, current(root.id()).state().replies(), "a deleted reply no longer counts");
        assertTrue(store.thread(ROOM, root.id(), PageRequest.latest(10)).messages().get(4).state().deleted(),
                "and shows in the thread as deleted");
    }

    @Test
    void replyToIsKept() {
        Message m = post("alice", "question");
        Message answer = store.append(new NewMessage(ROOM, MessageKind.CHAT, "bob", "answer", T0, Optional.empty(),
                Optional.empty(), OptionalLong.of(m.id()), OptionalLong.empty(), OptionalLong.empty(), Optional.empty()),
                ids).message();
        assertEquals(OptionalLong.of(m.id()), current(answer.id()).replyTo());
        assertEquals(OptionalLong.of(m.id()), store.page(ROOM, PageRequest.latest(1)).messages().get(0).replyTo());
    }

    @Test
    void retentionTakesTheReactionsOfTheMessagesItRemoves() {
        Message m = post("alice", "old");
        react(m.id(), "bob", "👍", true);
        post("alice", "new");
        store.deleteUpTo(ROOM, m.seq() + 1);
        assertEquals(Map.of(), store.reactions(ROOM, List.of(m.id()), "bob"));
        assertEquals(Optional.empty(), store.find(ROOM, m.id()));
    }

    @Test
    void moderationAndRoomUpdateEntriesAreStoredWithTheirActs() {
        RoomAct ban = new RoomAct.Moderation(RoomAct.Action.BAN, "bob", "alice", Optional.empty(),
                Optional.of(T0.plusSeconds(3600)), Optional.of("spam, \"quoted\""));
        RoomAct role = new RoomAct.Moderation(RoomAct.Action.ROLE, "carol", "alice", Optional.of(Role.MODERATOR),
                Optional.empty(), Optional.empty());
        RoomAct update = new RoomAct.RoomUpdate("alice", Optional.empty(), Optional.of("new topic"), Optional.of(true));
        List<Message> stored = new java.util.ArrayList<>();
        for (RoomAct act : List.of(ban, role, update)) {
            stored.add(store.append(NewMessage.roomAct(ROOM, "a line", T0, act), ids).message());
        }
        List<Message> page = store.page(ROOM, PageRequest.latest(10)).messages();
        assertEquals(stored, page);
        assertEquals(List.of(Optional.of(ban), Optional.of(role), Optional.of(update)),
                page.stream().map(Message::act).toList());
        assertEquals(List.of(MessageKind.MODERATION, MessageKind.MODERATION, MessageKind.ROOM_UPDATED),
                page.stream().map(Message::kind).toList());
    }
}
