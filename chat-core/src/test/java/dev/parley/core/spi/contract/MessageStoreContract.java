package dev.parley.core.spi.contract;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.ReactionChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The behaviour every {@link MessageStore} promises: seq assignment, idempotency, paging,
 * the events feed and retention. A subclass supplies the store; each test gets a fresh one from
 * {@link #newStore()}, which may reuse a database but must return an empty store. Message ids
 * come from an {@link AtomicLong}, as the engine's id generator gives them.
 */
public abstract class MessageStoreContract {

    /** A fixed time, in whole milliseconds so that it survives a round-trip through a database. */
    protected static final Instant BASE = Instant.parse("2024-05-01T10:00:00.123Z");

    /** A new, empty store; called once before each test. */
    protected abstract MessageStore newStore();

    private MessageStore store;
    private final AtomicLong nextId = new AtomicLong(1000);
    private final AtomicInteger idsTaken = new AtomicInteger();
    private final LongSupplier ids = () -> {
        idsTaken.incrementAndGet();
        return nextId.incrementAndGet();
    };

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    /** The lifecycle half of the contract (edits, deletions, reactions, threads), on a fresh store of its own. */
    @Nested
    class Lifecycle extends MessageLifecycleContract {
        @Override
        protected MessageStore newStore() {
            return MessageStoreContract.this.newStore();
        }
    }

    /** The search half of the contract (its index kept with the messages), on a fresh store of its own. */
    @Nested
    class Search extends MessageSearchContract {
        @Override
        protected MessageStore newStore() {
            return MessageStoreContract.this.newStore();
        }
    }

    /** The read-state half of the contract (mentions, unread counts), on a fresh store of its own. */
    @Nested
    class ReadCounts extends ReadCountsContract {
        @Override
        protected MessageStore newStore() {
            return MessageStoreContract.this.newStore();
        }
    }

    private static NewMessage chat(String room, String from, String text) {
        return new NewMessage(room, MessageKind.CHAT, from, text, BASE, Optional.empty(), Optional.empty());
    }

    private static NewMessage chat(String room, String from, String text, String clientMsgId) {
        return new NewMessage(room, MessageKind.CHAT, from, text, BASE, Optional.of(clientMsgId), Optional.empty());
    }

    private Message append(NewMessage message) {
        return store.append(message, ids).message();
    }

    /** Appends {@code count} messages with texts m1, m2, ... to the room. */
    private List<Message> fill(String room, int count) {
        List<Message> stored = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            stored.add(append(chat(room, "alice", "m" + i)));
        }
        return stored;
    }

    private static List<Long> seqs(HistoryPage page) {
        return page.messages().stream().map(Message::seq).toList();
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static PageRequest between(long after, long before, int limit) {
        return new PageRequest(OptionalLong.of(before), OptionalLong.of(after), limit);
    }

    // ---- append ---------------------------------------------------------------------------

    @Test
    void appendAssignsSeqOneTwoThreePerRoom() {
        assertEquals(1, append(chat("a", "alice", "x")).seq());
        assertEquals(1, append(chat("b", "alice", "x")).seq());
        assertEquals(2, append(chat("a", "alice", "x")).seq());
        assertEquals(3, append(chat("a", "bob", "x")).seq());
        assertEquals(2, append(chat("b", "bob", "x")).seq());
        assertEquals(3, store.lastSeq("a"));
        assertEquals(2, store.lastSeq("b"));
    }

    @Test
    void appendStoresEveryFieldAndTakesTheIdFromTheSupplier() {
        FileInfo file = new FileInfo("file-1", "notes.txt", 42, "text/plain");
        NewMessage shared = new NewMessage("team", MessageKind.FILE_SHARED, "alice", "shared notes.txt",
                BASE.plusMillis(5), Optional.of("c-1"), Optional.of(file));
        AppendResult result = store.append(shared, () -> 77);
        Message expected = new Message(77, "team", 1, MessageKind.FILE_SHARED, "alice", "shared notes.txt",
                BASE.plusMillis(5), Optional.of("c-1"), Optional.of(file));
        assertTrue(result.created());
        assertEquals(expected, result.message());
        assertEquals(List.of(expected), store.page("team", PageRequest.latest(10)).messages());
    }

    @Test
    void everyKindRoundTrips() {
        Message first = append(chat("r", "alice", "first"));
        List<MessageKind> kinds = new ArrayList<>(List.of(MessageKind.CHAT));
        List<MessageKind> all = new ArrayList<>(List.of(MessageKind.values()));
        all.remove(MessageKind.DELETE);
        all.add(MessageKind.DELETE); // last: nothing acts on a deleted message
        for (MessageKind kind : all) {
            NewMessage m = kind.isLifecycle()
                    ? NewMessage.acting("r", kind, "alice", "", BASE, Optional.empty(), first.id(),
                    kind == MessageKind.REACTION ? Optional.of(new ReactionChange("👍", true)) : Optional.empty())
                    : kind == MessageKind.MODERATION ? NewMessage.roomAct("r", kind.name(), BASE,
                    new dev.parley.protocol.RoomAct.Moderation(dev.parley.protocol.RoomAct.Action.KICK, "bob", "alice",
                            Optional.empty(), Optional.empty(), Optional.empty()))
                    : kind == MessageKind.ROOM_UPDATED ? NewMessage.roomAct("r", kind.name(), BASE,
                    new dev.parley.protocol.RoomAct.RoomUpdate("alice", Optional.empty(), Optional.of("t"), Optional.empty()))
                    : new NewMessage("r", kind, "alice", kind.name(), BASE, Optional.empty(), Optional.empty());
            Message stored = append(m);
            assertEquals(kind, stored.kind());
            kinds.add(kind);
        }
        assertEquals(kinds,
                store.page("r", PageRequest.latest(50)).messages().stream().map(Message::kind).toList());
    }

    @Test
    void textIsKeptExactly() {
        String text = "h\u00e9llo \u4e16\u754c \ud83d\ude00 \"quoted\" \\ <b>&amp;</b>\nsecond line\ttab";
        append(chat("r", "alice", text));
        assertEquals(text, store.page("r", PageRequest.latest(1)).messages().get(0).text());
    }

    @Test
    void idsIncreaseWithSeqWithinARoom() {
        List<Message> stored = fill("r", 5);
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i).id() > stored.get(i - 1).id(), "ids increase with seq: " + stored);
        }
    }

    @Test
    void appendTakesExactlyOneIdPerStoredMessage() {
        fill("r", 3);
        append(chat("r", "alice", "x", "c-1"));
        append(chat("r", "alice", "x", "c-1"));
        assertEquals(4, idsTaken.get());
    }

    @Test
    void repeatedClientMsgIdReturnsFirstMessageAndStoresNothing() {
        AppendResult first = store.append(chat("r", "alice", "hello", "c-1"), ids);
        int idsBefore = idsTaken.get();
        AppendResult repeat = store.append(chat("r", "alice", "hello again", "c-1"), ids);
        assertTrue(first.created());
        assertFalse(repeat.created());
        assertEquals(first.message(), repeat.message());
        assertEquals(idsBefore, idsTaken.get(), "a repeat takes no id");
        assertEquals(1, store.lastSeq("r"));
        assertEquals(List.of(first.message()), store.page("r", PageRequest.latest(10)).messages());
    }

    @Test
    void repeatAfterOtherMessagesStillReturnsTheFirst() {
        Message first = append(chat("r", "alice", "hello", "c-1"));
        fill("r", 3);
        AppendResult repeat = store.append(chat("r", "alice", "hello", "c-1"), ids);
        assertFalse(repeat.created());
        assertEquals(first, repeat.message());
        assertEquals(4, store.lastSeq("r"));
    }

    @Test
    void sameClientMsgIdFromAnotherUserOrRoomIsANewMessage() {
        AppendResult first = store.append(chat("r", "alice", "x", "c-1"), ids);
        AppendResult otherUser = store.append(chat("r", "bob", "x", "c-1"), ids);
        AppendResult otherRoom = store.append(chat("s", "alice", "x", "c-1"), ids);
        AppendResult otherKey = store.append(chat("r", "alice", "x", "c-2"), ids);
        assertTrue(first.created());
        assertTrue(otherUser.created());
        assertTrue(otherRoom.created());
        assertTrue(otherKey.created());
        assertEquals(3, store.lastSeq("r"));
        assertEquals(1, store.lastSeq("s"));
        assertEquals(4, Set.of(first.message().id(), otherUser.message().id(),
                otherRoom.message().id(), otherKey.message().id()).size());
    }

    @Test
    void messagesWithoutClientMsgIdAreNeverTakenForRepeats() {
        AppendResult a = store.append(chat("r", "alice", "same"), ids);
        AppendResult b = store.append(chat("r", "alice", "same"), ids);
        assertTrue(a.created());
        assertTrue(b.created());
        assertEquals(2, store.lastSeq("r"));
    }

    @Test
    @Timeout(120)
    void concurrentAppendsToOneRoomGetGapFreeUniqueSeqs() throws Exception {
        int threads = 8;
        int perThread = 250;
        List<List<Message>> results = Together.run(threads, t -> () -> {
            List<Message> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(append(chat("busy", "user" + t, "t" + t + "-" + i)));
            }
            return mine;
        });
        int total = threads * perThread;
        List<Long> assigned = results.stream().flatMap(List::stream).map(Message::seq).sorted().toList();
        assertEquals(seqs(1, total), assigned);
        assertEquals(total, store.lastSeq("busy"));
        for (List<Message> mine : results) {
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i).seq() > mine.get(i - 1).seq(), "one thread's messages keep their order");
            }
        }
        List<Message> stored = readAll("busy");
        assertEquals(seqs(1, total), stored.stream().map(Message::seq).toList());
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i).id() > stored.get(i - 1).id(), "ids increase with seq at seq " + stored.get(i).seq());
        }
    }

    @Test
    @Timeout(120)
    void concurrentAppendsToSeveralRoomsKeepEachRoomGapFree() throws Exception {
        int threads = 8;
        int perThread = 100;
        Together.run(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                append(chat("room" + ((t + i) % 4), "user" + t, "x"));
            }
            return null;
        });
        for (int r = 0; r < 4; r++) {
            List<Message> stored = readAll("room" + r);
            assertEquals(seqs(1, threads * perThread / 4), stored.stream().map(Message::seq).toList());
            assertEquals(threads * perThread / 4, store.lastSeq("room" + r));
        }
    }

    @Test
    @Timeout(120)
    void concurrentRepeatsOfOneClientMsgIdStoreOneMessage() throws Exception {
        List<AppendResult> results = Together.run(10,
                t -> () -> store.append(chat("r", "alice", "hello", "c-1"), ids));
        assertEquals(1, results.stream().filter(AppendResult::created).count(), "exactly one stores it");
        Set<Message> returned = results.stream().map(AppendResult::message).collect(Collectors.toSet());
        assertEquals(1, returned.size(), "every caller gets the same message: " + returned);
        assertEquals(1, store.lastSeq("r"));
        assertEquals(1, store.page("r", PageRequest.latest(10)).messages().size());
    }

    @Test
    @Timeout(120)
    void appendsInFlightTogetherKeepEachSendersOrderAndStayGapFreeAndIdempotent() throws Exception {
        int senders = 6;
        int rounds = 60;
        List<String> rooms = List.of("p0", "p1", "p2");
        // Each sender has all its appends in flight at once, as a live session does: per round a message
        // with a client id, its immediate repeat, and one without a client id.
        List<List<AppendResult>> results = Together.run(senders, t -> () -> {
            List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
            for (int k = 0; k < rounds; k++) {
                String room = rooms.get(k % rooms.size());
                String clientMsgId = "s" + t + "-k" + k;
                inFlight.add(store.appendAsync(chat(room, "user" + t, "first " + k, clientMsgId), ids));
                inFlight.add(store.appendAsync(chat(room, "user" + t, "repeat " + k, clientMsgId), ids));
                inFlight.add(store.appendAsync(chat(room, "user" + t, "plain " + k), ids));
            }
            List<AppendResult> done = new ArrayList<>();
            for (CompletableFuture<AppendResult> f : inFlight) {
                done.add(f.get(60, TimeUnit.SECONDS));
            }
            return done;
        });
        Set<Long> messageIds = new HashSet<>();
        for (List<AppendResult> mine : results) {
            Map<String, Long> lastSeqInRoom = new HashMap<>();
            for (int i = 0; i < mine.size(); i++) {
                AppendResult r = mine.get(i);
                if (i % 3 == 1) {
                    assertFalse(r.created(), "a repeat stores nothing");
                    assertEquals(mine.get(i - 1).message(), r.message(), "a repeat returns the first");
                    continue;
                }
                assertTrue(r.created());
                assertTrue(messageIds.add(r.message().id()), "ids are unique");
                Long before = lastSeqInRoom.put(r.message().room(), r.message().seq());
                assertTrue(before == null || r.message().seq() > before,
                        "one sender's messages keep their order in " + r.message().room());
            }
        }
        int perRoom = senders * rounds * 2 / rooms.size();
        for (String room : rooms) {
            assertEquals(seqs(1, perRoom), readAll(room).stream().map(Message::seq).toList(), "room " + room);
            assertEquals(perRoom, store.lastSeq(room));
        }
    }

    /** Reads a room's whole history through {@code after} pages. */
    private List<Message> readAll(String room) {
        List<Message> all = new ArrayList<>();
        long cursor = 0;
        for (int guard = 0; guard < 10_000; guard++) {
            HistoryPage page = store.page(room, PageRequest.after(cursor, PageRequest.MAX_LIMIT));
            all.addAll(page.messages());
            if (!page.hasMore()) {
                return all;
            }
            cursor = page.messages().get(page.messages().size() - 1).seq();
        }
        return fail("paging did not end");
    }

    // ---- paging ---------------------------------------------------------------------------

    @Test
    void latestPageReturnsTheNewestAscendingWithHasMore() {
        fill("r", 10);
        HistoryPage page = store.page("r", PageRequest.latest(3));
        assertEquals(seqs(8, 10), seqs(page));
        assertTrue(page.hasMore());
        assertEquals(List.of("m8", "m9", "m10"), page.messages().stream().map(Message::text).toList());
    }

    @Test
    void latestPageOfTheWholeHistoryHasNoMore() {
        fill("r", 10);
        HistoryPage exact = store.page("r", PageRequest.latest(10));
        assertEquals(seqs(1, 10), seqs(exact));
        assertFalse(exact.hasMore());
        HistoryPage larger = store.page("r", PageRequest.latest(50));
        assertEquals(seqs(1, 10), seqs(larger));
        assertFalse(larger.hasMore());
    }

    @Test
    void pageOfAnEmptyOrUnknownRoomIsEmptyWithNoMore() {
        fill("other", 3);
        for (PageRequest request : List.of(PageRequest.latest(5), PageRequest.after(0, 5), PageRequest.before(5, 5))) {
            HistoryPage page = store.page("nowhere", request);
            assertEquals(List.of(), page.messages());
            assertFalse(page.hasMore());
        }
    }

    @Test
    void beforePageReturnsTheNewestOlderMessagesAscending() {
        fill("r", 10);
        HistoryPage page = store.page("r", PageRequest.before(5, 2));
        assertEquals(List.of(3L, 4L), seqs(page));
        assertTrue(page.hasMore());
    }

    @Test
    void beforePageReachingTheFirstMessageHasNoMore() {
        fill("r", 10);
        HistoryPage exact = store.page("r", PageRequest.before(3, 2));
        assertEquals(List.of(1L, 2L), seqs(exact));
        assertFalse(exact.hasMore());
        HistoryPage shortPage = store.page("r", PageRequest.before(3, 5));
        assertEquals(List.of(1L, 2L), seqs(shortPage));
        assertFalse(shortPage.hasMore());
        HistoryPage none = store.page("r", PageRequest.before(1, 5));
        assertEquals(List.of(), seqs(none));
        assertFalse(none.hasMore());
    }

    @Test
    void beforeBeyondTheLastSeqReadsFromTheNewest() {
        fill("r", 10);
        HistoryPage page = store.page("r", PageRequest.before(100, 3));
        assertEquals(seqs(8, 10), seqs(page));
        assertTrue(page.hasMore());
    }

    @Test
    void afterPageReturnsTheOldestNewerMessages() {
        fill("r", 10);
        HistoryPage page = store.page("r", PageRequest.after(5, 3));
        assertEquals(seqs(6, 8), seqs(page));
        assertTrue(page.hasMore());
        HistoryPage fromStart = store.page("r", PageRequest.after(0, 3));
        assertEquals(seqs(1, 3), seqs(fromStart));
        assertTrue(fromStart.hasMore());
    }

    @Test
    void afterPageReachingTheNewestMessageHasNoMore() {
        fill("r", 10);
        HistoryPage exact = store.page("r", PageRequest.after(7, 3));
        assertEquals(seqs(8, 10), seqs(exact));
        assertFalse(exact.hasMore());
        HistoryPage shortPage = store.page("r", PageRequest.after(8, 5));
        assertEquals(seqs(9, 10), seqs(shortPage));
        assertFalse(shortPage.hasMore());
        HistoryPage none = store.page("r", PageRequest.after(10, 5));
        assertEquals(List.of(), seqs(none));
        assertFalse(none.hasMore());
    }

    @Test
    void bothCursorsReturnTheOldestMessagesStrictlyBetween() {
        fill("r", 10);
        HistoryPage partial = store.page("r", between(2, 9, 3));
        assertEquals(seqs(3, 5), seqs(partial));
        assertTrue(partial.hasMore());
        HistoryPage whole = store.page("r", between(2, 9, 6));
        assertEquals(seqs(3, 8), seqs(whole));
        assertFalse(whole.hasMore());
        HistoryPage larger = store.page("r", between(2, 9, 50));
        assertEquals(seqs(3, 8), seqs(larger));
        assertFalse(larger.hasMore());
    }

    @Test
    void bothCursorsWithNothingBetweenGiveAnEmptyPage() {
        fill("r", 10);
        for (PageRequest request : List.of(between(4, 5, 10), between(5, 5, 10), between(7, 3, 10))) {
            HistoryPage page = store.page("r", request);
            assertEquals(List.of(), page.messages(), request.toString());
            assertFalse(page.hasMore(), request.toString());
        }
    }

    @Test
    void pageReturnsAtMostTheLimit() {
        fill("r", PageRequest.MAX_LIMIT + 20);
        assertEquals(PageRequest.MAX_LIMIT, store.page("r", PageRequest.latest(PageRequest.MAX_LIMIT)).messages().size());
        assertEquals(1, store.page("r", PageRequest.latest(1)).messages().size());
        assertEquals(List.of(1L), seqs(store.page("r", PageRequest.after(0, 1))));
        assertEquals(List.of(219L), seqs(store.page("r", PageRequest.before(220, 1))));
    }

    @Test
    void pagesHoldOnlyTheirRoomsMessages() {
        for (int i = 0; i < 5; i++) {
            append(chat("a", "alice", "a" + i));
            append(chat("b", "alice", "b" + i));
        }
        HistoryPage page = store.page("a", PageRequest.latest(50));
        assertEquals(seqs(1, 5), seqs(page));
        assertTrue(page.messages().stream().allMatch(m -> m.room().equals("a") && m.text().startsWith("a")));
    }

    @Test
    void pagesAfterRetentionStartAtTheFirstKeptSeq() {
        fill("r", 10);
        store.deleteUpTo("r", 4);
        HistoryPage latest = store.page("r", PageRequest.latest(50));
        assertEquals(seqs(5, 10), seqs(latest));
        assertFalse(latest.hasMore());
        HistoryPage before = store.page("r", PageRequest.before(7, 5));
        assertEquals(List.of(5L, 6L), seqs(before));
        assertFalse(before.hasMore());
        HistoryPage after = store.page("r", PageRequest.after(0, 3));
        assertEquals(seqs(5, 7), seqs(after));
        assertTrue(after.hasMore());
    }

    // ---- lastSeq, firstSeq, retention -----------------------------------------------------

    @Test
    void lastSeqOfARoomThatNeverHadMessagesIsZero() {
        fill("other", 2);
        assertEquals(0, store.lastSeq("empty"));
    }

    @Test
    void firstSeqOfARoomWithoutMessagesIsEmpty() {
        assertEquals(OptionalLong.empty(), store.firstSeq("empty"));
        fill("r", 2);
        assertEquals(OptionalLong.of(1), store.firstSeq("r"));
    }

    @Test
    void deleteUpToRemovesThatPrefixAndReturnsTheCount() {
        fill("r", 10);
        fill("other", 3);
        assertEquals(4, store.deleteUpTo("r", 4));
        assertEquals(0, store.deleteUpTo("r", 4), "nothing left to delete");
        assertEquals(2, store.deleteUpTo("r", 6));
        assertEquals(seqs(7, 10), seqs(store.page("r", PageRequest.latest(50))));
        assertEquals(seqs(1, 3), seqs(store.page("other", PageRequest.latest(50))), "other rooms keep theirs");
    }

    @Test
    void deleteUpToOfAnUnknownRoomOrBelowTheFirstSeqDeletesNothing() {
        fill("r", 3);
        assertEquals(0, store.deleteUpTo("nowhere", 10));
        assertEquals(0, store.deleteUpTo("r", 0));
        assertEquals(3, store.page("r", PageRequest.latest(50)).messages().size());
    }

    @Test
    void firstSeqAfterRetention() {
        fill("r", 10);
        store.deleteUpTo("r", 6);
        assertEquals(OptionalLong.of(7), store.firstSeq("r"));
        store.deleteUpTo("r", 10);
        assertEquals(OptionalLong.empty(), store.firstSeq("r"));
    }

    @Test
    void lastSeqSurvivesDeleteUpTo() {
        fill("r", 3);
        assertEquals(3, store.deleteUpTo("r", 100));
        assertEquals(3, store.lastSeq("r"));
        assertEquals(OptionalLong.empty(), store.firstSeq("r"));
        Message next = append(chat("r", "alice", "after retention"));
        assertEquals(4, next.seq(), "seqs never repeat, even after everything was deleted");
        assertEquals(OptionalLong.of(4), store.firstSeq("r"));
        assertEquals(4, store.lastSeq("r"));
    }

    // ---- file lookup ------------------------------------------------------------------------

    @Test
    void findByFileIdReturnsTheFileSharedMessage() {
        fill("r", 2);
        FileInfo file = new FileInfo("abc-123", "photo.png", 1024, "image/png");
        Message shared = store.append(new NewMessage("r", MessageKind.FILE_SHARED, "bob", "photo.png", BASE,
                Optional.empty(), Optional.of(file)), ids).message();
        assertEquals(Optional.of(shared), store.findByFileId("abc-123"));
        assertEquals(Optional.of(file), store.findByFileId("abc-123").orElseThrow().file());
    }

    @Test
    void findByFileIdOfAnUnknownFileIsEmpty() {
        fill("r", 2);
        assertEquals(Optional.empty(), store.findByFileId("missing"));
    }

    @Test
    void findByFileIdForgetsFilesRemovedByRetention() {
        FileInfo file = new FileInfo("abc-123", "photo.png", 1024, "image/png");
        store.append(new NewMessage("r", MessageKind.FILE_SHARED, "bob", "photo.png", BASE,
                Optional.empty(), Optional.of(file)), ids);
        fill("r", 2);
        store.deleteUpTo("r", 1);
        assertEquals(Optional.empty(), store.findByFileId("abc-123"));
    }

    // ---- the events feed ----------------------------------------------------------------------

    @Test
    void afterIdReturnsOnlyGivenRoomsAscendingById() {
        List<Message> wanted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wanted.add(append(chat("a", "alice", "a" + i)));
            append(chat("secret", "bob", "s" + i));
            wanted.add(append(chat("b", "bob", "b" + i)));
        }
        List<Message> events = store.afterId(List.of("b", "a", "nowhere"), 0, 100);
        assertEquals(wanted, events);
    }

    @Test
    void afterIdExcludesTheGivenIdAndEverythingOlder() {
        List<Message> stored = fill("r", 5);
        long cursor = stored.get(1).id();
        assertEquals(stored.subList(2, 5), store.afterId(List.of("r"), cursor, 100));
        assertEquals(List.of(), store.afterId(List.of("r"), stored.get(4).id(), 100));
    }

    @Test
    void afterIdStopsAtTheLimitKeepingTheOldest() {
        List<Message> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(append(chat("a", "alice", "a" + i)));
            stored.add(append(chat("b", "alice", "b" + i)));
        }
        assertEquals(stored.subList(0, 3), store.afterId(List.of("a", "b"), 0, 3));
        long cursor = stored.get(2).id();
        assertEquals(stored.subList(3, 6), store.afterId(List.of("a", "b"), cursor, 3));
    }

    @Test
    void afterIdOfNoRoomsOrUnknownRoomsIsEmpty() {
        fill("r", 3);
        assertEquals(List.of(), store.afterId(List.of(), 0, 10));
        assertEquals(List.of(), store.afterId(List.of("nowhere"), 0, 10));
    }

    @Test
    void afterIdSkipsMessagesRemovedByRetention() {
        List<Message> stored = fill("r", 5);
        store.deleteUpTo("r", 3);
        assertEquals(stored.subList(3, 5), store.afterId(List.of("r"), 0, 10));
    }

    /**
     * A reader following the feed by id while others append to several rooms must see every
     * message exactly once, in id order: no message may become visible after one with a larger id.
     */
    @Test
    @Timeout(120)
    void afterIdPolledDuringConcurrentAppendsMissesNothing() throws Exception {
        int writers = 4;
        int perWriter = 200;
        List<String> rooms = List.of("room0", "room1", "room2", "room3");
        AtomicInteger writersDone = new AtomicInteger();
        List<Object> outcome = Together.run(writers + 1, t -> () -> {
            if (t < writers) {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    mine.add(append(chat(rooms.get((t + i) % rooms.size()), "user" + t, "x")).id());
                }
                writersDone.incrementAndGet();
                return mine;
            }
            List<Long> seen = new ArrayList<>();
            long cursor = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                // Read the flag before polling: an empty poll after every writer finished is final.
                boolean finished = writersDone.get() == writers;
                List<Message> batch = store.afterId(rooms, cursor, 50);
                for (Message m : batch) {
                    seen.add(m.id());
                    cursor = m.id();
                }
                if (finished && batch.isEmpty()) {
                    break;
                }
            }
            return seen;
        });
        Set<Long> written = new HashSet<>();
        for (int t = 0; t < writers; t++) {
            for (Object id : (List<?>) outcome.get(t)) {
                written.add((Long) id);
            }
        }
        List<?> seen = (List<?>) outcome.get(writers);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue((Long) seen.get(i) > (Long) seen.get(i - 1), "the feed ascends by id");
        }
        Set<Long> missed = new HashSet<>(written);
        missed.removeAll(seen);
        assertEquals(Set.of(), missed, "messages the reader never saw");
        assertEquals(written.size(), seen.size(), "the reader saw each message once");
    }
}
