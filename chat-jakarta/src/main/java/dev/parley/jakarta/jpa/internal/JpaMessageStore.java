package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.LogRules;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * {@link MessageStore} over JPA.
 *
 * <p>Seq: an append locks its room's counter row in {@code parley_room_seq} with
 * {@code PESSIMISTIC_WRITE} ({@code SELECT ... FOR UPDATE}) and holds the lock until it commits,
 * so the appends of one room are serialised across every process sharing the database, and the
 * seq is gap-free because a rolled-back append also rolls back its counter. The first append of a
 * room inserts the counter row; when two processes do that at once, the loser's primary-key
 * violation makes it start over and find the winner's row. The unique key {@code (room_id, seq)}
 * is the last guard.
 *
 * <p>Idempotency is checked after the lock is taken, so a repeat sent while the first is being
 * stored waits for it and returns it. The message id is drawn under the lock as well, so that
 * within a room ids increase with seq. An entry acting on a message (EDIT, DELETE, REACTION) is
 * decided and applied under the same lock, as is a thread reply's count on its root (see
 * {@link EntryEffects}); an entry that changes nothing takes no seq and no id.
 *
 * <p>Group commit: over RESOURCE_LOCAL transactions, appends that arrive together are stored
 * together, one transaction for all of them, by a thread of the store's (see {@link GroupCommit});
 * {@link #appendAsync} returns at once, so that a caller can have many appends in flight, and
 * {@link #append} waits for its outcome. When a batch transaction fails, its messages take the
 * per-message path above. Over JTA every append is its own transaction, on the calling thread,
 * since it may have to join a transaction its caller began.
 *
 * <p>The feed by id ({@link #afterId}) holds back messages newer than one this process is still
 * committing (see {@link InFlightIds}), so that a reader moving its cursor never skips one.
 *
 * <p>Paging is by keyset on the {@code (room_id, seq)} index (a thread's on
 * {@code (room_id, thread_id, seq)}), reading {@code limit + 1} rows to learn whether there are
 * more; it never skips rows with an offset. Reactions are read for a whole page in one query
 * ({@link ReactionRows#read}).
 */
public final class JpaMessageStore implements MessageStore {

    /** A fresh attempt is needed only after losing the race to create a room's counter. */
    private static final int MAX_APPEND_ATTEMPTS = 5;

    private static final long NOT_DRAWN = Long.MIN_VALUE;

    private final Transactions tx;
    private final InFlightIds inFlight = new InFlightIds();
    /** Null when appends may not be grouped (JTA). */
    private final GroupCommit group;

    public JpaMessageStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.group = tx instanceof ResourceLocalTransactions ? new GroupCommit(tx, inFlight, this::appendAlone) : null;
    }

    @Override
    public AppendResult append(NewMessage message, LongSupplier ids) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ids, "ids");
        if (group == null) {
            return appendAlone(message, ids);
        }
        try {
            return group.append(message, ids).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<AppendResult> appendAsync(NewMessage message, LongSupplier ids) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ids, "ids");
        return group == null ? MessageStore.super.appendAsync(message, ids) : group.append(message, ids);
    }

    /** The group committer, for tests; empty over JTA. */
    Optional<GroupCommit> groupCommit() {
        return Optional.ofNullable(group);
    }

    /** One transaction for this message alone, started over when it lost a race. */
    private AppendResult appendAlone(NewMessage message, LongSupplier ids) {
        for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
            long[] drawn = {NOT_DRAWN};
            LongSupplier tracked = () -> drawn[0] = inFlight.draw(ids);
            Optional<AppendResult> result;
            try {
                result = tx.inTransaction(em -> Optional.of(appendLocked(em, message, tracked)), Optional::empty);
            } finally {
                if (drawn[0] != NOT_DRAWN) {
                    inFlight.finished(drawn[0]);
                }
            }
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw ChatException.unavailable("database unavailable: appends to room " + message.room()
                + " kept conflicting", null);
    }

    private static AppendResult appendLocked(EntityManager em, NewMessage message, LongSupplier ids) {
        RoomSeqEntity counter = GroupCommit.lockCounter(em, message.room());
        if (message.clientMsgId().isPresent()) {
            List<MessageEntity> earlier = em.createQuery("SELECT m FROM ParleyMessage m"
                            + " WHERE m.room = :r AND m.sender = :s AND m.idemKey = :k", MessageEntity.class)
                    .setParameter("r", message.room())
                    .setParameter("s", message.from())
                    .setParameter("k", MessageEntity.idempotencyKey(message.clientMsgId().get()))
                    .getResultList();
            if (!earlier.isEmpty()) {
                return new AppendResult(earlier.get(0).toMessage(), false);
            }
        }
        if (message.kind().isLifecycle() && EntryEffects.decide(em, message) == LogRules.Outcome.NOTHING) {
            return AppendResult.nothing();
        }
        long seq = counter.next();
        MessageEntity stored = new MessageEntity(message, ids.getAsLong(), seq);
        em.persist(stored);
        EntryEffects.apply(em, stored);
        em.flush();
        return new AppendResult(stored.toMessage(), true);
    }

    @Override
    public HistoryPage page(String room, PageRequest request) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(request, "request");
        return keysetPage(room, OptionalLong.empty(), request);
    }

    @Override
    public HistoryPage thread(String room, long root, PageRequest request) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(request, "request");
        return keysetPage(room, OptionalLong.of(root), request);
    }

    /** A page of the room's log, or of the replies in one thread of it, by keyset on seq. */
    private HistoryPage keysetPage(String room, OptionalLong thread, PageRequest request) {
        boolean ascending = request.after().isPresent();
        int limit = request.limit();
        List<MessageEntity> rows = tx.inTransaction(em -> keysetQuery(em, room, thread, request).getResultList());
        boolean hasMore = rows.size() > limit;
        List<Message> page = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            page.add(rows.get(i).toMessage());
        }
        if (!ascending) {
            Collections.reverse(page);
        }
        return new HistoryPage(page, hasMore);
    }

    /**
     * The query of {@link #keysetPage}: {@code limit + 1} rows in seq order, descending unless the
     * request pages after a seq. The {@code ORDER BY} names every column of the index it is meant to
     * read, the equality columns included: the order is the same (those columns are fixed), but H2
     * uses an index for the order only when the {@code ORDER BY} starts with the index's first
     * column, and otherwise reads and sorts every row of the room below the cursor
     * ({@code bench/RESULTS.md}, issue 11). {@code JpaPagingPlanTest} pins the plans.
     */
    static TypedQuery<MessageEntity> keysetQuery(EntityManager em, String room, OptionalLong thread, PageRequest request) {
        boolean ascending = request.after().isPresent();
        String direction = ascending ? " ASC" : " DESC";
        StringBuilder jpql = new StringBuilder("SELECT m FROM ParleyMessage m WHERE m.room = :r");
        if (thread.isPresent()) {
            jpql.append(" AND m.threadId = :t");
        }
        if (ascending) {
            jpql.append(" AND m.seq > :a");
        }
        if (request.before().isPresent()) {
            jpql.append(" AND m.seq < :b");
        }
        jpql.append(" ORDER BY m.room").append(direction);
        if (thread.isPresent()) {
            jpql.append(", m.threadId").append(direction);
        }
        jpql.append(", m.seq").append(direction);
        TypedQuery<MessageEntity> q = em.createQuery(jpql.toString(), MessageEntity.class)
                .setParameter("r", room)
                .setMaxResults(request.limit() + 1);
        thread.ifPresent(t -> q.setParameter("t", t));
        request.after().ifPresent(a -> q.setParameter("a", a));
        request.before().ifPresent(b -> q.setParameter("b", b));
        return q;
    }

    @Override
    public Optional<Message> find(String room, long id) {
        Objects.requireNonNull(room, "room");
        return tx.inTransaction(em -> Optional.ofNullable(em.find(MessageEntity.class, id))
                .filter(m -> m.room.equals(room))
                .map(MessageEntity::toMessage));
    }

    @Override
    public Map<Long, List<Reaction>> reactions(String room, Collection<Long> ids, String viewer) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(viewer, "viewer");
        if (ids.isEmpty()) {
            return Map.of();
        }
        return tx.inTransaction(em -> ReactionRows.read(em, room, ids, viewer));
    }

    @Override
    public long lastSeq(String room) {
        Objects.requireNonNull(room, "room");
        return tx.inTransaction(em -> {
            RoomSeqEntity counter = em.find(RoomSeqEntity.class, room);
            return counter == null ? 0L : counter.lastSeq;
        });
    }

    @Override
    public OptionalLong firstSeq(String room) {
        Objects.requireNonNull(room, "room");
        Long first = tx.inTransaction(em -> em.createQuery(
                        "SELECT MIN(m.seq) FROM ParleyMessage m WHERE m.room = :r", Long.class)
                .setParameter("r", room)
                .getSingleResult());
        return first == null ? OptionalLong.empty() : OptionalLong.of(first);
    }

    @Override
    public List<Message> afterId(Collection<String> rooms, long afterId, int limit) {
        Objects.requireNonNull(rooms, "rooms");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (rooms.isEmpty()) {
            return List.of();
        }
        List<String> roomList = List.copyOf(new LinkedHashSet<>(rooms));
        try (InFlightIds.Read read = inFlight.beginRead()) {
            List<MessageEntity> rows = tx.inTransaction(em -> afterIdQuery(em, roomList, afterId, limit).getResultList());
            long visibleUpTo = read.visibleUpTo();
            return rows.stream().takeWhile(m -> m.id <= visibleUpTo).map(MessageEntity::toMessage).toList();
        }
    }

    /**
     * The query of {@link #afterId}, in id order. PostgreSQL reads the primary key from the cursor;
     * H2 (2.5.252) reads every row of the rooms through the {@code (room_id, seq)} index and sorts them
     * by id instead, whatever the {@code ORDER BY} (see {@code bench/RESULTS.md}, issue 11).
     */
    static TypedQuery<MessageEntity> afterIdQuery(EntityManager em, List<String> rooms, long afterId, int limit) {
        return em.createQuery("SELECT m FROM ParleyMessage m WHERE m.room IN :rooms AND m.id > :after ORDER BY m.id",
                        MessageEntity.class)
                .setParameter("rooms", rooms)
                .setParameter("after", afterId)
                .setMaxResults(limit);
    }

    @Override
    public Optional<Message> findByFileId(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        return tx.inTransaction(em -> em.createQuery(
                        "SELECT m FROM ParleyMessage m WHERE m.fileId = :f", MessageEntity.class)
                .setParameter("f", fileId)
                .setMaxResults(1)
                .getResultStream().findFirst().map(MessageEntity::toMessage));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Under the room's counter lock, so that no entry is decided against a message (or adds a
     * reaction to it) while it is being removed.
     */
    @Override
    public int deleteUpTo(String room, long seq) {
        Objects.requireNonNull(room, "room");
        return tx.inTransaction(em -> {
            if (em.find(RoomSeqEntity.class, room, LockModeType.PESSIMISTIC_WRITE) == null) {
                return 0; // no append ever reached the room
            }
            ReactionRows.removeUpTo(em, room, seq);
            return em.createQuery("DELETE FROM ParleyMessage m WHERE m.room = :r AND m.seq <= :s")
                    .setParameter("r", room)
                    .setParameter("s", seq)
                    .executeUpdate();
        });
    }
}
