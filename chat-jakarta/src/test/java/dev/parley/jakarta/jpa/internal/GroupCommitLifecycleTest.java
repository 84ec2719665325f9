package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.NewMessage;
import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.jakarta.jpa.TestDatabase;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReactionChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entries acting on messages (EDIT, DELETE, REACTION) and thread replies inside one group-committed
 * batch ({@link GroupCommit}): each sees what the earlier ones of the batch did, and a refused one
 * fails alone. On H2, Derby and (when configured) PostgreSQL, since the batch mixes the provider's
 * deferred inserts with statements that go to the database at once.
 */
class GroupCommitLifecycleTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final String ROOM = "r";
    private static final long WAIT_SECONDS = 30;

    private TestDatabase db;
    private JpaStores stores;
    private final AtomicLong ids = new AtomicLong();

    private void open(String database) {
        db = switch (database) {
            case "h2" -> TestDatabase.h2();
            case "derby" -> TestDatabase.derby();
            case "postgres" -> TestDatabase.postgres();
            default -> throw new IllegalArgumentException(database);
        };
        stores = db.open();
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private GroupCommit group() {
        return ((JpaMessageStore) stores.messages()).groupCommit().orElseThrow();
    }

    private GroupCommit.Request request(NewMessage message) {
        return new GroupCommit.Request(message, ids::incrementAndGet);
    }

    private static NewMessage chat(String from, String text) {
        return new NewMessage(ROOM, MessageKind.CHAT, from, text, NOW, Optional.empty(), Optional.empty());
    }

    private static NewMessage reply(long root, int minute) {
        return new NewMessage(ROOM, MessageKind.CHAT, "bob", "reply", NOW.plusSeconds(60L * minute), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.of(root), OptionalLong.empty(), Optional.empty());
    }

    private static NewMessage react(long target, String from, String emoji, boolean active) {
        return NewMessage.acting(ROOM, MessageKind.REACTION, from, "", NOW, Optional.empty(), target,
                Optional.of(new ReactionChange(emoji, active)));
    }

    private static NewMessage edit(long target, String text) {
        return NewMessage.acting(ROOM, MessageKind.EDIT, "alice", text, NOW.plusSeconds(5), Optional.empty(), target,
                Optional.empty());
    }

    private static NewMessage delete(long target) {
        return NewMessage.acting(ROOM, MessageKind.DELETE, "alice", "", NOW, Optional.empty(), target, Optional.empty());
    }

    private Message posted(NewMessage message) {
        return stores.messages().append(message, ids::incrementAndGet).message();
    }

    /** Per outcome: the seq stored, 0 for nothing stored, -1 for a refusal. */
    private static long[] seqs(List<GroupCommit.Outcome> outcomes) {
        return outcomes.stream().mapToLong(o -> o.refusal() != null ? -1
                : o.result().entry().map(Message::seq).orElse(0L)).toArray();
    }

    private List<Reaction> reactions(long id, String viewer) {
        return stores.messages().reactions(ROOM, List.of(id), viewer).getOrDefault(id, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void eachEntryOfABatchIsDecidedAgainstWhatTheEarlierOnesDid(String database) {
        open(database);
        Message m = posted(chat("alice", "helo"));
        long idsBefore = ids.get();

        List<GroupCommit.Outcome> outcomes = group().commitTogether(List.of(
                request(react(m.id(), "bob", "👍", true)),
                request(react(m.id(), "bob", "👍", true)), // bob holds it since the entry before
                request(react(m.id(), "bob", "👍", false)),
                request(react(m.id(), "bob", "👍", true)), // held again: a removed key added back
                request(edit(m.id(), "hello")),
                request(edit(m.id(), "hello")), // the text it has now
                request(delete(m.id())),
                request(edit(m.id(), "back")), // deleted
                request(react(m.id(), "carol", "🎉", true)), // deleted
                request(react(m.id(), "bob", "👍", false)), // the delete took bob's reaction
                request(chat("alice", "after")))).orElseThrow();

        assertArrayEquals(new long[]{2, 0, 3, 4, 5, 0, 6, -1, -1, 0, 7}, seqs(outcomes));
        assertEquals(ErrorCode.CONFLICT, outcomes.get(7).refusal().code());
        assertEquals(ErrorCode.CONFLICT, outcomes.get(8).refusal().code());
        assertEquals(idsBefore + 6, ids.get(), "no id is drawn for an entry stored as nothing or refused");
        assertEquals(7, stores.messages().lastSeq(ROOM));
        Message now = stores.messages().find(ROOM, m.id()).orElseThrow();
        assertTrue(now.state().deleted());
        assertEquals("", now.text());
        assertEquals(Optional.of(NOW.plusSeconds(5)), now.state().editedAt());
        long editId = outcomes.get(4).result().message().id();
        assertEquals("", stores.messages().find(ROOM, editId).orElseThrow().text(),
                "an EDIT of the same batch is blanked by the DELETE after it");
        assertEquals(List.of(), reactions(m.id(), "bob"));
        List<Message> log = stores.messages().page(ROOM, PageRequest.latest(20)).messages();
        assertArrayEquals(new long[]{1, 2, 3, 4, 5, 6, 7}, log.stream().mapToLong(Message::seq).toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void reactionsOfABatchEndAsItsLastEntriesLeftThemInOrderOfFirstUse(String database) {
        open(database);
        Message m = posted(chat("alice", "vote"));

        group().commitTogether(List.of(
                request(react(m.id(), "bob", "👍", true)),
                request(react(m.id(), "carol", "👍", true)),
                request(react(m.id(), "bob", "👍", false)),
                request(react(m.id(), "dave", "🎉", true)),
                request(react(m.id(), "carol", "👍", false)),
                request(react(m.id(), "carol", "👍", true)))).orElseThrow().forEach(GroupCommit.Outcome::get);

        assertEquals(List.of(new Reaction("🎉", 1, false), new Reaction("👍", 1, true)), reactions(m.id(), "carol"),
                "👍 is held now only since carol's last entry, after dave's 🎉");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void threadRepliesOfABatchCountOnTheRootAndADeletedOneNoLonger(String database) {
        open(database);
        Message root = posted(chat("alice", "topic"));
        Message first = posted(reply(root.id(), 1));

        group().commitTogether(List.of(
                request(reply(root.id(), 2)),
                request(delete(first.id())),
                request(reply(root.id(), 3)),
                request(chat("alice", "not in the thread")))).orElseThrow().forEach(GroupCommit.Outcome::get);

        Message now = stores.messages().find(ROOM, root.id()).orElseThrow();
        assertEquals(2, now.state().replies());
        assertEquals(Optional.of(NOW.plusSeconds(180)), now.state().lastReplyAt());
        assertEquals(3, stores.messages().thread(ROOM, root.id(), PageRequest.latest(10)).messages().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void aRefusedEntryFailsOnlyItsOwnAppendAndTheBatchCommits(String database) throws Exception {
        open(database);
        Message m = posted(chat("alice", "here"));
        GroupCommit group = group();
        CountDownLatch leading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<AppendResult> gate = stores.messages().appendAsync(chat("alice", "gate"), () -> {
            leading.countDown();
            try {
                assertTrue(release.await(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return ids.incrementAndGet();
        });
        assertTrue(leading.await(WAIT_SECONDS, TimeUnit.SECONDS));
        List<CompletableFuture<AppendResult>> queued = new ArrayList<>();
        queued.add(stores.messages().appendAsync(chat("bob", "one"), ids::incrementAndGet));
        queued.add(stores.messages().appendAsync(react(m.id() + 1000, "bob", "👍", true), ids::incrementAndGet));
        queued.add(stores.messages().appendAsync(react(m.id(), "bob", "👍", true), ids::incrementAndGet));
        queued.add(stores.messages().appendAsync(chat("bob", "two"), ids::incrementAndGet));
        assertEquals(4, group.waiting());
        release.countDown();

        assertTrue(gate.get(WAIT_SECONDS, TimeUnit.SECONDS).created());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> queued.get(1).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(ErrorCode.NOT_FOUND, assertInstanceOf(ChatException.class, refused.getCause()).code());
        assertEquals(List.of(3L, 4L, 5L), List.of(queued.get(0), queued.get(2), queued.get(3)).stream()
                .map(f -> f.join().message().seq()).toList());
        assertEquals(4, group.largestBatch(), "the four waited as one batch");
        assertEquals(0, group.failedBatches(), "a refusal is not a failed batch");
        assertEquals(List.of(new Reaction("👍", 1, true)), reactions(m.id(), "bob"));
    }
}
