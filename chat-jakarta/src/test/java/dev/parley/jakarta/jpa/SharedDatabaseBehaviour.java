package dev.parley.jakarta.jpa;

import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.StoredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several entity manager factories on one database, standing in for several processes of a
 * cluster: seq, idempotency, unique names and the signing key must hold across them.
 */
abstract class SharedDatabaseBehaviour {

    private static final int THREADS_PER_FACTORY = 4;
    private static final int APPENDS_PER_THREAD = 100;
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private TestDatabase db;
    private JpaStores first;
    private JpaStores second;
    private ExecutorService pool;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void openTwoFactories() {
        db = newDatabase();
        first = db.open();
        second = db.open();
        pool = Executors.newFixedThreadPool(2 * THREADS_PER_FACTORY);
    }

    @AfterEach
    void close() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Runs every task at once (behind a start gate) and returns their results, failing after a bounded wait. */
    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                gate.await();
                return task.call();
            }));
        }
        gate.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(120, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void twoEntityManagerFactoriesAppendingToOneRoomGetSeqOneToNWithoutGapOrDuplicate() throws Exception {
        AtomicLong ids = new AtomicLong();
        ConcurrentLinkedQueue<Message> returned = new ConcurrentLinkedQueue<>();
        List<Callable<Void>> writers = new ArrayList<>();
        for (JpaStores factory : List.of(first, second)) {
            for (int t = 0; t < THREADS_PER_FACTORY; t++) {
                String sender = "user" + writers.size();
                writers.add(() -> {
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        NewMessage m = new NewMessage("busy", MessageKind.CHAT, sender, "m" + i, NOW,
                                Optional.of(sender + "-" + i), Optional.empty());
                        AppendResult r = factory.messages().append(m, ids::incrementAndGet);
                        assertTrue(r.created());
                        returned.add(r.message());
                    }
                    return null;
                });
            }
        }
        runTogether(writers);

        int total = 2 * THREADS_PER_FACTORY * APPENDS_PER_THREAD;
        List<Long> expectedSeqs = LongStream.rangeClosed(1, total).boxed().toList();
        assertEquals(expectedSeqs, returned.stream().map(Message::seq).sorted().toList(), "seqs handed out");
        assertEquals(total, first.messages().lastSeq("busy"));
        assertEquals(total, second.messages().lastSeq("busy"));

        List<Message> stored = new ArrayList<>();
        long after = 0;
        HistoryPage page;
        do {
            page = second.messages().page("busy", PageRequest.after(after, PageRequest.MAX_LIMIT));
            stored.addAll(page.messages());
            after = page.messages().isEmpty() ? after : page.messages().get(page.messages().size() - 1).seq();
        } while (page.hasMore());
        assertEquals(expectedSeqs, stored.stream().map(Message::seq).toList(), "seqs stored");
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i).id() > stored.get(i - 1).id(), "ids increase with seq at seq " + (i + 1));
        }
        assertEquals(total, ids.get(), "one id drawn per stored message");
    }

    @Test
    void aRepeatSentThroughBothFactoriesAtOnceIsStoredOnce() throws Exception {
        AtomicLong ids = new AtomicLong();
        List<Callable<AppendResult>> senders = new ArrayList<>();
        for (int i = 0; i < 2 * THREADS_PER_FACTORY; i++) {
            JpaStores factory = i % 2 == 0 ? first : second;
            senders.add(() -> factory.messages().append(new NewMessage("fresh", MessageKind.CHAT, "alice", "once",
                    NOW, Optional.of("same-key"), Optional.empty()), ids::incrementAndGet));
        }
        List<AppendResult> results = runTogether(senders);

        assertEquals(1, results.stream().filter(AppendResult::created).count());
        assertEquals(1, results.stream().map(AppendResult::message).distinct().count());
        assertEquals(1, results.get(0).message().seq());
        assertEquals(1, first.messages().lastSeq("fresh"));
    }

    @Test
    void oneNameInDifferentCasesCreatedThroughBothFactoriesAtOnceHasOneWinner() throws Exception {
        List<Callable<Boolean>> creators = new ArrayList<>();
        String[] spellings = {"alice", "Alice", "ALICE", "aLiCe", "alicE", "ALice", "alICE", "ALICe"};
        for (int i = 0; i < spellings.length; i++) {
            JpaStores factory = i % 2 == 0 ? first : second;
            StoredUser user = new StoredUser(new User("id-" + i, spellings[i], NOW), Optional.of("hash"));
            creators.add(() -> factory.users().create(user));
        }
        List<Boolean> created = runTogether(creators);

        assertEquals(1, created.stream().filter(c -> c).count());
        String winner = spellings[created.indexOf(true)];
        assertEquals(winner, first.users().find("ALICE").orElseThrow().user().username());
        assertEquals(winner, second.users().find("alice").orElseThrow().user().username());
    }

    @Test
    void everyFactoryGetsTheSameSigningKeyWhenBothGenerateAtOnce() throws Exception {
        List<Callable<byte[]>> readers = new ArrayList<>();
        for (int i = 0; i < 2 * THREADS_PER_FACTORY; i++) {
            JpaStores factory = i % 2 == 0 ? first : second;
            byte[] candidate = {(byte) i, 42, 7};
            readers.add(() -> factory.tokens().signingKey(() -> candidate));
        }
        List<byte[]> keys = runTogether(readers);

        Set<String> distinct = new HashSet<>();
        keys.forEach(k -> distinct.add(java.util.Arrays.toString(k)));
        assertEquals(1, distinct.size(), "keys: " + distinct);
        assertArrayEquals(keys.get(0), second.tokens().signingKey(() -> new byte[]{99}));
    }
}
