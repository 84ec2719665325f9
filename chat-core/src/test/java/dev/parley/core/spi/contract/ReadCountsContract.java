package dev.parley.core.spi.contract;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.ReactionChange;
import dev.parley.protocol.ReadCounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The read-state half of the {@link MessageStore} promise: a message's {@code mentions} as its text
 * is now, and {@link MessageStore#readCounts}: the unread messages after a marker (CHAT, PRIVATE and
 * FILE_SHARED, not the viewer's own, not deleted) and those of them mentioning the viewer, each up to
 * the cap. {@link MessageStoreContract} runs it as a nested suite, on a fresh store of its own.
 */
public abstract class ReadCountsContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ROOM = "lobby";

    /** A new, empty store; called once before each test. */
    protected abstract MessageStore newStore();

    private MessageStore store;
    private final AtomicLong nextId = new AtomicLong(9000);
    private final LongSupplier ids = nextId::incrementAndGet;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private Message postIn(String room, String from, String text, String... mentions) {
        return store.append(new NewMessage(room, MessageKind.CHAT, from, text, T0, Optional.empty(), Optional.empty())
                .withMentions(List.of(mentions)), ids).message();
    }

    private Message post(String from, String text, String... mentions) {
        return postIn(ROOM, from, text, mentions);
    }

    private void edit(long target, String from, String text, String... mentions) {
        store.append(NewMessage.acting(ROOM, MessageKind.EDIT, from, text, T0.plusSeconds(5), Optional.empty(), target,
                Optional.empty()).withMentions(List.of(mentions)), ids);
    }

    private void delete(long target, String from) {
        store.append(NewMessage.acting(ROOM, MessageKind.DELETE, from, "", T0.plusSeconds(9), Optional.empty(), target,
                Optional.empty()), ids);
    }

    private ReadCounts counts(String viewer, long marker) {
        return counts(viewer, marker, ReadCounts.CAP);
    }

    private ReadCounts counts(String viewer, long marker, int cap) {
        Map<String, ReadCounts> all = store.readCounts(viewer, Map.of(ROOM, marker), cap);
        assertEquals(1, all.size(), "one answer per room asked for: " + all);
        return all.get(ROOM);
    }

    @Test
    void mentionsAreStoredWithTheMessageAndReadBackEverywhere() {
        Message m = post("alice", "hi @bob and @Carol", "bob", "carol");
        assertEquals(List.of("bob", "carol"), m.mentions());
        assertEquals(List.of("bob", "carol"), store.find(ROOM, m.id()).orElseThrow().mentions());
        assertEquals(List.of("bob", "carol"), store.page(ROOM, PageRequest.latest(10)).messages().get(0).mentions());
        assertEquals(List.of(), post("alice", "nobody").mentions());
    }

    @Test
    void anEditReplacesTheMentionsAndADeletionDropsThem() {
        Message m = post("alice", "hi @bob", "bob");
        edit(m.id(), "alice", "hi @carol", "carol");
        assertEquals(List.of("carol"), store.find(ROOM, m.id()).orElseThrow().mentions(), "current state after the edit");
        assertEquals(0, counts("bob", 0).mentions(), "the edit took bob's mention away");
        assertEquals(1, counts("carol", 0).mentions(), "and gave carol one");
        delete(m.id(), "alice");
        assertEquals(List.of(), store.find(ROOM, m.id()).orElseThrow().mentions());
        assertEquals(new ReadCounts(3, 0, 0, 0), counts("carol", 0), "a deleted message is neither unread nor a mention");
    }

    @Test
    void unreadCountsOthersContentAfterTheMarkerOnly() {
        Message first = post("alice", "one");
        post("bob", "mine");
        Message third = post("alice", "three @bob", "bob");
        store.append(new NewMessage(ROOM, MessageKind.FILE_SHARED, "carol", "f.txt", T0, Optional.empty(),
                Optional.of(new FileInfo("file-1", "f.txt", 3, "text/plain"))), ids);
        store.append(new NewMessage(ROOM, MessageKind.USER_JOINED, "dave", "dave joined", T0, Optional.empty(),
                Optional.empty()), ids);
        store.append(NewMessage.acting(ROOM, MessageKind.REACTION, "alice", "", T0, Optional.empty(), first.id(),
                Optional.of(new ReactionChange("👍", true))), ids);

        assertEquals(new ReadCounts(6, 0, 3, 1), counts("bob", 0), "one, three and the file; not bob's own, not the join or the reaction");
        assertEquals(new ReadCounts(6, first.seq(), 2, 1), counts("BOB", first.seq()), "the viewer matched case-insensitively");
        assertEquals(new ReadCounts(6, third.seq(), 1, 0), counts("bob", third.seq()));
        assertEquals(new ReadCounts(6, 6, 0, 0), counts("bob", 6));
        assertEquals(new ReadCounts(6, 0, 2, 0), counts("alice", 0), "alice's own are not unread to her");
    }

    @Test
    void aMentionOfTheAuthorByThemselvesDoesNotCount() {
        post("bob", "note to @bob", "bob");
        assertEquals(new ReadCounts(1, 0, 0, 0), counts("bob", 0));
    }

    @Test
    void countsStopAtTheCap() {
        for (int i = 0; i < 12; i++) {
            post("alice", "@bob " + i, "bob");
        }
        assertEquals(new ReadCounts(12, 0, 5, 5), counts("bob", 0, 5));
        assertEquals(new ReadCounts(12, 2, 10, 10), counts("bob", 2, 100));
    }

    @Test
    void roomsAreCountedApartAndAnEmptyRoomCountsNothing() {
        post("alice", "here");
        postIn("elsewhere", "alice", "there @bob", "bob");
        postIn("elsewhere", "alice", "again");
        Map<String, ReadCounts> all = store.readCounts("bob", Map.of(ROOM, 0L, "elsewhere", 1L, "empty", 0L), 100);
        assertEquals(Map.of(ROOM, new ReadCounts(1, 0, 1, 0), "elsewhere", new ReadCounts(2, 1, 1, 0),
                "empty", new ReadCounts(0, 0, 0, 0)), all);
    }

    @Test
    void aThreadReplyCountsAsUnreadLikeAnyMessage() {
        Message root = post("alice", "root");
        store.append(new NewMessage(ROOM, MessageKind.CHAT, "carol", "reply @bob", T0, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.of(root.id()), OptionalLong.empty(), Optional.empty())
                .withMentions(List.of("bob")), ids);
        assertEquals(new ReadCounts(2, 0, 2, 1), counts("bob", 0));
    }
}
