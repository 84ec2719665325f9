package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.LogRules;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.ChatException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Group commit of appends: appends wait in a queue, and one thread of this class's own (the
 * committer) stores everything waiting, up to {@link #MAX_BATCH}, in one transaction, then
 * completes each append's future, in queue order, and takes the next batch. A future completes
 * only after the transaction holding its message committed. Callers need not wait: many appends
 * can be in flight without a thread each, and the more wait, the bigger (and cheaper per message)
 * the next batch.
 *
 * <p>Order: the queue is first in, first out and the committer takes one batch at a time, so an
 * append queued after another to the same room gets the higher seq, and futures complete in
 * queue order. The committer thread is started when appends arrive and ends after a while with
 * none, so an idle or forgotten store holds no thread.
 *
 * <p>The batch transaction locks each of its rooms' counter rows once, in the rooms' natural order
 * (the same in every process, so two batches never wait on each other in a cycle), then checks
 * idempotency against the table and within the batch, assigns consecutive seqs in queue order,
 * draws ids through {@link InFlightIds} and inserts. When it fails for any reason (another process
 * created a counter or stored a key first, a message the database refuses, the database is down),
 * it is rolled back as a whole and each of its messages is appended alone through the per-message
 * path, in queue order, so correctness never rests on this class and one bad message fails only
 * its own append. A lone message is a batch of one: the same steps, so the contract suites check
 * this path. Thread-safe.
 *
 * <p>Entries acting on a message (EDIT, DELETE, REACTION) and thread replies are decided and applied
 * in queue order as the batch inserts them, through {@link EntryEffects}, so each sees what the
 * earlier ones of the batch did; a plain message costs no read beyond the idempotency lookup. An
 * entry {@link LogRules} refuses is decided before anything is written for it, and that decision
 * only reads: it takes no seq and no id, the rest of the batch commits, and only its own append
 * fails, with the refusal (an {@link Outcome} carries it).
 */
final class GroupCommit {

    /** Bounds a transaction's size (and its lock time) when very many appends wait. */
    static final int MAX_BATCH = 256;

    /** How long the committer thread outlives its last batch. */
    private static final long IDLE_SECONDS = 10;

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
    private final ThreadPoolExecutor committer;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** Whether the committer has work scheduled or running; guarded by {@link #queue}. */
    private boolean draining;
    /** The committer thread while it drains, else null. */
    private volatile Thread drainingThread;
    /** The size of the largest batch taken, and how many batches failed; for tests, guarded by {@link #queue}. */
    private int largestBatch;
    private long failedBatches;

    GroupCommit(Transactions tx, InFlightIds inFlight, BiFunction<NewMessage, LongSupplier, AppendResult> alone) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.alone = Objects.requireNonNull(alone, "alone");
        this.committer = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "parley-group-commit");
            t.setDaemon(true);
            return t;
        });
        this.committer.allowCoreThreadTimeOut(true);
    }

    /**
     * Queues an append; the future completes, on the committer thread, once the message is committed
     * (or refused). Called on the committer thread itself (by something that depends on an earlier
     * append), it appends alone and at once, since the committer cannot wait for itself.
     */
    CompletableFuture<AppendResult> append(NewMessage message, LongSupplier ids) {
        Waiting mine = new Waiting(new Request(message, ids));
        if (Thread.currentThread() == drainingThread) {
            try {
                return CompletableFuture.completedFuture(alone.apply(message, ids));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        boolean start;
        synchronized (queue) {
            queue.add(mine);
            start = !draining;
            draining = true;
        }
        if (start) {
            committer.execute(this::drain);
        }
        return mine.outcome;
    }

    /** Commits batch after batch until the queue is empty. */
    private void drain() {
        drainingThread = Thread.currentThread();
        List<Waiting> batch = List.of();
        try {
            while (true) {
                synchronized (queue) {
                    if (queue.isEmpty()) {
                        draining = false;
                        return;
                    }
                    List<Waiting> next = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
                    while (next.size() < MAX_BATCH && !queue.isEmpty()) {
                        next.add(queue.poll());
                    }
                    largestBatch = Math.max(largestBatch, next.size());
                    batch = next;
                }
                commit(batch);
            }
        } catch (Throwable unexpected) {
            // An Error: fail this batch and whatever waits rather than leave anyone waiting for a committer that is gone.
            List<Waiting> left = new ArrayList<>(batch);
            synchronized (queue) {
                left.addAll(queue);
                queue.clear();
                draining = false;
            }
            left.forEach(w -> w.outcome.completeExceptionally(unexpected));
            throw unexpected;
        } finally {
            drainingThread = null;
        }
    }

    /** Stores one batch and completes its futures in queue order. */
    private void commit(List<Waiting> batch) {
        Optional<List<Outcome>> results = commitTogether(batch.stream().map(w -> w.request).toList());
        if (results.isPresent()) {
            for (int i = 0; i < batch.size(); i++) {
                Outcome outcome = results.get().get(i);
                if (outcome.refusal() != null) {
                    batch.get(i).outcome.completeExceptionally(outcome.refusal());
                } else {
                    batch.get(i).outcome.complete(outcome.result());
                }
            }
            return;
        }
        synchronized (queue) {
            failedBatches++;
        }
        for (Waiting w : batch) {
            AppendResult result;
            try {
                result = alone.apply(w.request.message(), w.request.ids());
            } catch (RuntimeException e) {
                w.outcome.completeExceptionally(e);
                continue;
            }
            w.outcome.complete(result);
        }
    }

    /** How many appends wait for the committer now. */
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

    /** How many batch transactions failed (and had their messages appended alone). */
    long failedBatches() {
        synchronized (queue) {
            return failedBatches;
        }
    }

    /**
     * Stores the requests in one transaction, returning an outcome per request (in order), or empty
     * when the transaction failed and was rolled back: then none of them was stored, and every id
     * drawn for them has been released.
     */
    Optional<List<Outcome>> commitTogether(List<Request> requests) {
        List<Long> drawn = new ArrayList<>(requests.size());
        try {
            return Optional.of(tx.inTransaction(em -> storeLocked(em, requests, drawn)));
        } catch (RuntimeException e) {
            return Optional.empty();
        } finally {
            drawn.forEach(inFlight::finished);
        }
    }

    private List<Outcome> storeLocked(EntityManager em, List<Request> requests, List<Long> drawn) {
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
        Outcome[] results = new Outcome[requests.size()];
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
                    results[i] = Outcome.of(new AppendResult(before.toMessage(), false));
                    continue;
                }
                if (message.kind().isLifecycle()) {
                    try {
                        if (EntryEffects.decide(em, message) == LogRules.Outcome.NOTHING) {
                            results[i] = Outcome.of(AppendResult.nothing());
                            continue;
                        }
                    } catch (ChatException refused) {
                        results[i] = Outcome.refused(refused);
                        continue;
                    }
                }
                long seq = counter.next();
                long id = inFlight.draw(request.ids());
                drawn.add(id);
                MessageEntity entity = new MessageEntity(message, id, seq);
                em.persist(entity);
                EntryEffects.apply(em, entity);
                key.ifPresent(k -> stored.put(k, entity));
                results[i] = Outcome.of(new AppendResult(entity.toMessage(), true));
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

    /**
     * What the batch did with one request: its result, or the refusal that fails only its append.
     *
     * @param result  the result, when not refused
     * @param refusal the refusal of {@link LogRules}, else null
     */
    record Outcome(AppendResult result, ChatException refusal) {
        static Outcome of(AppendResult result) {
            return new Outcome(Objects.requireNonNull(result, "result"), null);
        }

        static Outcome refused(ChatException refusal) {
            return new Outcome(null, Objects.requireNonNull(refusal, "refusal"));
        }

        /** The result, or the refusal thrown. */
        AppendResult get() {
            if (refusal != null) {
                throw refusal;
            }
            return result;
        }
    }

    /** An append in the queue and its outcome. */
    private static final class Waiting {
        final Request request;
        final CompletableFuture<AppendResult> outcome = new CompletableFuture<>();

        Waiting(Request request) {
            this.request = request;
        }
    }
}
