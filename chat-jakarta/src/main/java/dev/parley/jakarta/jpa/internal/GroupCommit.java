package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.NewMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Group commit of appends: concurrent appends wait in a queue, and one of their callers (the
 * leader) stores everything waiting, up to {@link #MAX_BATCH}, in one transaction, then completes
 * every caller. Each append still returns only after the transaction holding its message committed.
 *
 * <p>Leadership passes from caller to caller, so no thread of our own is needed: the first caller
 * that finds no leader leads; a leader that finishes hands the lead to the caller at the head of the
 * queue (whose message is then the first of the next batch). A caller therefore leads at most once,
 * for a batch holding its own message, and appends that arrive while a batch commits form the next.
 *
 * <p>The batch transaction locks each of its rooms' counter rows once, in the rooms' natural order
 * (the same in every process, so two batches never wait on each other in a cycle), then checks
 * idempotency against the table and within the batch, assigns consecutive seqs in queue order,
 * draws ids through {@link InFlightIds} and inserts. When it fails for any reason (another process
 * created a counter or stored a key first, a message the database refuses, the database is down),
 * it is rolled back as a whole and each of its callers appends alone through the per-message path,
 * so correctness never rests on this class and one bad message fails only its own caller. A lone
 * message is a batch of one: the same steps, so the contract suites check this path. Thread-safe.
 */
final class GroupCommit {

    /** Bounds a transaction's size (and its lock time) when very many appends wait. */
    static final int MAX_BATCH = 256;

    /** The leader's signal to a waiting caller: lead the next batch. */
    private static final Object LEAD = new Object();
    /** The outcome for every caller of a failed batch: append alone. */
    private static final Object ALONE = new Object();

    /** A message to store together with others. */
    record Request(NewMessage message, LongSupplier ids) {
        Request {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(ids, "ids");
        }
    }

    private final Transactions tx;
    private final InFlightIds inFlight;
    private final BiFunction<NewMessage, LongSupplier, AppendResult> alone;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** Whether some caller leads now; guarded by {@link #queue}. */
    private boolean leading;
    /** The size of the largest batch taken, and how many batches failed; for tests, guarded by {@link #queue}. */
    private int largestBatch;
    private long failedBatches;

    GroupCommit(Transactions tx, InFlightIds inFlight, BiFunction<NewMessage, LongSupplier, AppendResult> alone) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.alone = Objects.requireNonNull(alone, "alone");
    }

    /** Appends through the queue; blocks until the message is committed (or refused). */
    AppendResult append(NewMessage message, LongSupplier ids) {
        Waiting mine = new Waiting(new Request(message, ids));
        boolean lead;
        synchronized (queue) {
            queue.add(mine);
            lead = !leading;
            leading = true;
        }
        Object outcome = lead ? LEAD : mine.outcome.join();
        if (outcome == LEAD) {
            outcome = leadOneBatch(mine);
        }
        if (outcome == ALONE) {
            return alone.apply(message, ids);
        }
        return (AppendResult) outcome;
    }

    /**
     * Commits the batch at the head of the queue (which starts with {@code mine}), completes its
     * other callers, hands the lead on, and returns {@code mine}'s outcome.
     */
    private Object leadOneBatch(Waiting mine) {
        List<Waiting> batch = new ArrayList<>();
        synchronized (queue) {
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            largestBatch = Math.max(largestBatch, batch.size());
        }
        Object mineOutcome = ALONE;
        try {
            Optional<List<AppendResult>> results = commitTogether(batch.stream().map(w -> w.request).toList());
            if (results.isPresent()) {
                for (int i = 0; i < batch.size(); i++) {
                    Waiting w = batch.get(i);
                    if (w == mine) {
                        mineOutcome = results.get().get(i);
                    } else {
                        w.outcome.complete(results.get().get(i));
                    }
                }
            } else {
                synchronized (queue) {
                    failedBatches++;
                }
            }
        } finally {
            // Whatever happened, nobody of this batch is left waiting: those not completed above append alone.
            for (Waiting w : batch) {
                if (w != mine) {
                    w.outcome.complete(ALONE);
                }
            }
            handOver();
        }
        return mineOutcome;
    }

    private void handOver() {
        Waiting next;
        synchronized (queue) {
            next = queue.peek();
            if (next == null) {
                leading = false;
            }
        }
        if (next != null) {
            next.outcome.complete(LEAD);
        }
    }

    /** How many appends wait for a leader now. */
    int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** The size of the largest batch taken so far. */
    int largestBatch() {
        synchronized (queue) {
            return largestBatch;
        }
    }

    /** How many batch transactions failed (and had their callers append alone). */
    long failedBatches() {
        synchronized (queue) {
            return failedBatches;
        }
    }

    /**
     * Stores the requests in one transaction, returning a result per request (in order), or empty
     * when the transaction failed and was rolled back: then none of them was stored, and every id
     * drawn for them has been released.
     */
    Optional<List<AppendResult>> commitTogether(List<Request> requests) {
        List<Long> drawn = new ArrayList<>(requests.size());
        try {
            return Optional.of(tx.inTransaction(em -> storeLocked(em, requests, drawn)));
        } catch (RuntimeException e) {
            return Optional.empty();
        } finally {
            drawn.forEach(inFlight::finished);
        }
    }

    private List<AppendResult> storeLocked(EntityManager em, List<Request> requests, List<Long> drawn) {
        Map<String, List<Integer>> byRoom = new TreeMap<>(); // sorted: the lock order of every process
        for (int i = 0; i < requests.size(); i++) {
            byRoom.computeIfAbsent(requests.get(i).message().room(), r -> new ArrayList<>()).add(i);
        }
        // First every lock and every read, so that no query makes the provider flush half the inserts.
        Map<String, RoomSeqEntity> counters = new HashMap<>();
        Map<IdemKey, MessageEntity> earlier = new HashMap<>();
        for (Map.Entry<String, List<Integer>> room : byRoom.entrySet()) {
            counters.put(room.getKey(), lockCounter(em, room.getKey()));
            // Per sender, so that the lookup walks the whole (room, sender, idem_key) index, not the room's rows.
            Map<String, List<String>> keysBySender = new TreeMap<>();
            for (int i : room.getValue()) {
                NewMessage message = requests.get(i).message();
                message.clientMsgId().ifPresent(c -> keysBySender
                        .computeIfAbsent(message.from(), s -> new ArrayList<>())
                        .add(MessageEntity.idempotencyKey(c)));
            }
            for (Map.Entry<String, List<String>> sender : keysBySender.entrySet()) {
                em.createQuery("SELECT m FROM ParleyMessage m"
                                + " WHERE m.room = :r AND m.sender = :s AND m.idemKey IN :k", MessageEntity.class)
                        .setParameter("r", room.getKey())
                        .setParameter("s", sender.getKey())
                        .setParameter("k", sender.getValue().stream().distinct().toList())
                        .getResultList()
                        .forEach(m -> earlier.put(new IdemKey(m.room, m.sender, m.idemKey), m));
            }
        }
        AppendResult[] results = new AppendResult[requests.size()];
        Map<IdemKey, MessageEntity> stored = new HashMap<>();
        for (Map.Entry<String, List<Integer>> room : byRoom.entrySet()) {
            RoomSeqEntity counter = counters.get(room.getKey());
            for (int i : room.getValue()) {
                Request request = requests.get(i);
                NewMessage message = request.message();
                Optional<IdemKey> key = message.clientMsgId()
                        .map(c -> new IdemKey(message.room(), message.from(), MessageEntity.idempotencyKey(c)));
                MessageEntity before = key.map(k -> earlier.getOrDefault(k, stored.get(k))).orElse(null);
                if (before != null) {
                    results[i] = new AppendResult(before.toMessage(), false);
                    continue;
                }
                long seq = counter.next();
                long id = inFlight.draw(request.ids());
                drawn.add(id);
                MessageEntity entity = new MessageEntity(message, id, seq);
                em.persist(entity);
                key.ifPresent(k -> stored.put(k, entity));
                results[i] = new AppendResult(entity.toMessage(), true);
            }
        }
        em.flush();
        return List.of(results);
    }

    /** Locks the room's counter row, inserting it when the room has none yet (see {@link JpaMessageStore}). */
    static RoomSeqEntity lockCounter(EntityManager em, String room) {
        RoomSeqEntity counter = em.find(RoomSeqEntity.class, room, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            counter = new RoomSeqEntity(room);
            em.persist(counter);
            em.flush(); // holds the new row's lock from here on, or fails if another process inserted it
        }
        return counter;
    }

    private record IdemKey(String room, String sender, String idemKey) {
    }

    /** A caller in the queue; its outcome is LEAD, ALONE or its {@link AppendResult}. */
    private static final class Waiting {
        final Request request;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();

        Waiting(Request request) {
            this.request = request;
        }
    }
}
