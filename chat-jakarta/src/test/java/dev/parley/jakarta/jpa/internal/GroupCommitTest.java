package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.NewMessage;
import dev.parley.jakarta.jpa.JpaStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit of appends in {@link JpaMessageStore}, on in-memory H2 shared by two factories ("processes"). */
class GroupCommitTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final long WAIT_SECONDS = 30;

    private String url;
    private JpaStores first;
    private JpaStores second;
    private ExecutorService pool;
    private final AtomicLong ids = new AtomicLong();

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:groupcommit" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        first = JpaStores.resourceLocal(url, null, null);
        second = JpaStores.resourceLocal(url, null, null);
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        first.close();
        second.close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static NewMessage message(String room, String from, String clientMsgId) {
        return new NewMessage(room, MessageKind.CHAT, from, "hi from " + from, NOW,
                Optional.ofNullable(clientMsgId), Optional.empty());
    }

    private static NewMessage file(String room, String fileId) {
        return new NewMessage(room, MessageKind.FILE_SHARED, "alice", "a file", NOW, Optional.empty(),
                Optional.of(new FileInfo(fileId, "f.txt", 3, "text/plain")));
    }

    private static JpaMessageStore store(JpaStores stores) {
        return (JpaMessageStore) stores.messages();
    }

    private static GroupCommit group(JpaStores stores) {
        return store(stores).groupCommit().orElseThrow();
    }

    private GroupCommit.Request request(NewMessage message) {
        return new GroupCommit.Request(message, ids::incrementAndGet);
    }

    /** The results of a batch that committed, none of it refused. */
    private static List<AppendResult> stored(Optional<List<GroupCommit.Outcome>> batch) {
        return batch.orElseThrow().stream().map(GroupCommit.Outcome::get).toList();
    }

    @Test
    void aBatchStoresARepeatedClientMsgIdOnceAndAnswersTheRepeatWithTheFirst() {
        List<AppendResult> results = stored(group(first).commitTogether(List.of(
                request(message("r", "alice", "c1")),
                request(message("r", "bob", null)),
                request(message("r", "alice", "c1")),
                request(message("r", "bob", "c1")))));;

        assertTrue(results.get(0).created());
        assertFalse(results.get(2).created());
        assertEquals(results.get(0).message(), results.get(2).message());
        assertTrue(results.get(3).created(), "another sender's c1 is another message");
        assertArrayEquals(new long[]{1, 2, 1, 3}, results.stream().mapToLong(r -> r.message().seq()).toArray());
        assertEquals(3, ids.get(), "no id is drawn for the repeat");
        assertEquals(3, first.messages().page("r", PageRequest.latest(10)).messages().size());
    }

    @Test
    void aBatchAnswersARepeatOfAMessageStoredBefore() {
        Message earlier = first.messages().append(message("r", "alice", "c1"), ids::incrementAndGet).message();

        List<AppendResult> results = stored(group(second).commitTogether(List.of(
                request(message("r", "bob", "c2")),
                request(message("r", "alice", "c1")))));;

        assertEquals(new AppendResult(earlier, false), results.get(1));
        assertEquals(2, results.get(0).message().seq());
        assertEquals(2, first.messages().lastSeq("r"));
    }

    @Test
    void aBatchSpanningSeveralRoomsGivesEachRoomConsecutiveSeqsInQueueOrder() {
        first.messages().append(message("a", "alice", null), ids::incrementAndGet);

        List<AppendResult> results = stored(group(first).commitTogether(List.of(
                request(message("b", "alice", null)),
                request(message("a", "bob", null)),
                request(message("b", "carol", null)),
                request(message("c", "alice", null)),
                request(message("a", "carol", null)))));;

        assertArrayEquals(new long[]{1, 2, 2, 1, 3}, results.stream().mapToLong(r -> r.message().seq()).toArray());
        assertTrue(results.get(1).message().id() < results.get(4).message().id(), "ids increase with seq in a room");
        assertTrue(results.get(0).message().id() < results.get(2).message().id(), "ids increase with seq in a room");
        assertEquals(List.of("bob", "carol"), first.messages().page("a", PageRequest.after(1, 10)).messages()
                .stream().map(Message::from).toList());
        assertEquals(3, second.messages().lastSeq("a"));
        assertEquals(2, second.messages().lastSeq("b"));
        assertEquals(1, second.messages().lastSeq("c"));
    }

    @Test
    void aFailedBatchStoresNothingAndLeavesNoIdInFlight() {
        first.messages().append(file("r", "f1"), ids::incrementAndGet);

        Optional<List<GroupCommit.Outcome>> results = group(first).commitTogether(List.of(
                request(message("r", "bob", null)),
                request(file("s", "f1")), // the file id is taken: the database refuses the whole batch
                request(message("s", "carol", null))));

        assertTrue(results.isEmpty());
        assertEquals(1, first.messages().lastSeq("r"), "the counter rolled back with the batch");
        assertEquals(0, first.messages().lastSeq("s"));
        Message next = first.messages().append(message("r", "dave", null), ids::incrementAndGet).message();
        assertEquals(2, next.seq());
        assertEquals(List.of(next), first.messages().afterId(List.of("r"), next.id() - 1, 10),
                "an id of the failed batch still in flight would hold the feed back");
    }

    @Test
    void aFailingMessageInABatchFailsOnlyItsOwnCaller() throws Exception {
        first.messages().append(file("taken", "f1"), ids::incrementAndGet);
        GroupCommit group = group(first);
        CountDownLatch leading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<AppendResult> gate = pool.submit(() -> first.messages().append(message("gate", "alice", null),
                blockingIds(leading, release)));
        assertTrue(leading.await(WAIT_SECONDS, TimeUnit.SECONDS));
        List<Future<AppendResult>> good = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            NewMessage m = message("r", "user" + i, "c" + i);
            good.add(pool.submit(() -> first.messages().append(m, ids::incrementAndGet)));
        }
        Future<AppendResult> bad = pool.submit(() -> first.messages().append(file("r", "f1"), ids::incrementAndGet));
        awaitWaiting(group, 7);
        release.countDown();

        assertTrue(gate.get(WAIT_SECONDS, TimeUnit.SECONDS).created());
        for (Future<AppendResult> f : good) {
            assertTrue(f.get(WAIT_SECONDS, TimeUnit.SECONDS).created());
        }
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> bad.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(ChatException.class, failure.getCause()).code());
        assertEquals(7, group.largestBatch(), "the six and the bad one waited as one batch");
        assertEquals(1, group.failedBatches());
        List<Message> stored = first.messages().page("r", PageRequest.latest(50)).messages();
        assertArrayEquals(LongStream.rangeClosed(1, 6).toArray(), stored.stream().mapToLong(Message::seq).toArray());
    }

    @Test
    void seqsStayGapFreeAcrossTwoFactoriesAppendingInBatches() throws Exception {
        int threads = 6;
        int appendsPerThread = 40;
        List<String> rooms = List.of("x", "y", "z");
        CountDownLatch leading = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<AppendResult>> gates = List.of(
                pool.submit(() -> first.messages().append(message("gate1", "a", null), blockingIds(leading, release))),
                pool.submit(() -> second.messages().append(message("gate2", "a", null), blockingIds(leading, release))));
        assertTrue(leading.await(WAIT_SECONDS, TimeUnit.SECONDS));
        List<Future<List<AppendResult>>> work = new ArrayList<>();
        for (JpaStores stores : List.of(first, second)) {
            for (int t = 0; t < threads; t++) {
                String sender = (stores == first ? "p1-" : "p2-") + t;
                work.add(pool.submit(() -> {
                    List<AppendResult> mine = new ArrayList<>();
                    for (int i = 0; i < appendsPerThread; i++) {
                        NewMessage m = message(rooms.get(i / 2 % rooms.size()), sender, "c" + (i / 2)); // each one twice
                        mine.add(stores.messages().append(m, ids::incrementAndGet));
                    }
                    return mine;
                }));
            }
        }
        awaitWaiting(group(first), threads);
        awaitWaiting(group(second), threads);
        release.countDown();
        for (Future<AppendResult> g : gates) {
            assertTrue(g.get(WAIT_SECONDS, TimeUnit.SECONDS).created());
        }
        long created = 0;
        for (Future<List<AppendResult>> f : work) {
            created += f.get(WAIT_SECONDS, TimeUnit.SECONDS).stream().filter(AppendResult::created).count();
        }

        assertTrue(group(first).largestBatch() >= threads && group(second).largestBatch() >= threads);
        long total = 0;
        for (String room : rooms) {
            List<Message> stored = first.messages().page(room, PageRequest.latest(PageRequest.MAX_LIMIT)).messages();
            assertArrayEquals(LongStream.rangeClosed(1, stored.size()).toArray(),
                    stored.stream().mapToLong(Message::seq).toArray(), "room " + room);
            total += stored.size();
        }
        assertEquals(2L * threads * appendsPerThread / 2, created, "every repeated client id stored once");
        assertEquals(created, total);
    }

    @Test
    void appendsQueuedBehindABatchFormTheNextOneAndCompleteInQueueOrder() throws Exception {
        JpaMessageStore store = store(first);
        CountDownLatch leading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<AppendResult> gate = store.appendAsync(message("gate", "alice", null), blockingIds(leading, release));
        assertTrue(leading.await(WAIT_SECONDS, TimeUnit.SECONDS));
        // One caller, no thread per append: all of these wait while the gate's batch commits.
        List<CompletableFuture<AppendResult>> queued = new ArrayList<>();
        List<Integer> completed = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 30; i++) {
            int index = i;
            NewMessage m = i == 29 ? message("r0", "user0", "c0") // the last repeats the first
                    : message("r" + (i % 3), "user" + (i % 3), "c" + i);
            CompletableFuture<AppendResult> f = store.appendAsync(m, ids::incrementAndGet);
            f.thenRun(() -> completed.add(index));
            queued.add(f);
        }
        assertEquals(30, group(first).waiting());
        release.countDown();

        assertTrue(gate.get(WAIT_SECONDS, TimeUnit.SECONDS).created());
        List<AppendResult> results = new ArrayList<>();
        for (CompletableFuture<AppendResult> f : queued) {
            results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(30, group(first).largestBatch(), "everything queued was stored in one batch");
        assertEquals(IntStream.range(0, 30).boxed().toList(), completed, "completed in queue order");
        for (int i = 0; i < 29; i++) {
            assertEquals(i / 3 + 1, results.get(i).message().seq(), "queue order gives the seqs, at " + i);
        }
        assertFalse(results.get(29).created());
        assertEquals(results.get(0).message(), results.get(29).message());
        assertEquals(10, first.messages().lastSeq("r0"));
    }

    @Test
    void anAppendMadeWhileCompletingAnotherIsStoredAtOnce() throws Exception {
        JpaMessageStore store = store(first);
        CompletableFuture<AppendResult> nested = store.appendAsync(message("r", "alice", null), ids::incrementAndGet)
                .thenApply(r -> store.append(message("r", "bob", null), ids::incrementAndGet));

        AppendResult second = nested.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(2, second.message().seq(), "the committer, completing the first, stored the second itself");
    }

    /** An id source that says it was reached and then holds its transaction until released. */
    private LongSupplier blockingIds(CountDownLatch reached, CountDownLatch release) {
        return () -> {
            reached.countDown();
            try {
                assertTrue(release.await(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return ids.incrementAndGet();
        };
    }

    /** Waits, bounded, until {@code count} appends queue behind the leader. */
    private static void awaitWaiting(GroupCommit group, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (group.waiting() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + group.waiting() + " of " + count + " appends queued");
            Thread.onSpinWait();
        }
    }
}
