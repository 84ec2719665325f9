package dev.parley.core.internal.memory;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Internal {@link MessageStore} kept in memory, lost at exit.
 *
 * <p>Thread-safety: every write (append, retention) runs under one global lock, inside which the
 * idempotency check, the id, the seq and the insert into every index happen as one step. Appends
 * take microseconds, so the single lock costs little, and it makes messages become visible in id
 * order, which {@link #afterId} relies on. Reads take no lock: they walk concurrent skip lists,
 * keyed by seq and by id per room, so a page costs {@code O(log n + limit)} whatever the size of
 * the history.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentMap<String, RoomLog> rooms = new ConcurrentHashMap<>();
    /** The idempotency record of every kept message; guarded by writeLock. */
    private final Map<IdempotencyKey, Message> byClientMsgId = new HashMap<>();
    private final ConcurrentMap<String, Message> byFileId = new ConcurrentHashMap<>();
    /**
     * The highest id whose message, and every message with a smaller id, is fully inserted.
     * Readers of several rooms stop there, so none of them can see a message while missing an
     * older one that another room is just receiving.
     */
    private volatile long visibleId = Long.MIN_VALUE;

    @Override
    public AppendResult append(NewMessage message, LongSupplier ids) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ids, "ids");
        Optional<IdempotencyKey> key = message.clientMsgId()
                .map(c -> new IdempotencyKey(message.room(), message.from(), c));
        writeLock.lock();
        try {
            if (key.isPresent()) {
                Message earlier = byClientMsgId.get(key.get());
                if (earlier != null) {
                    return new AppendResult(earlier, false);
                }
            }
            RoomLog log = rooms.computeIfAbsent(message.room(), r -> new RoomLog());
            long id = ids.getAsLong();
            long seq = log.lastSeq + 1;
            Message stored = new Message(id, message.room(), seq, message.kind(), message.from(), message.text(),
                    message.createdAt(), message.clientMsgId(), message.file());
            log.bySeq.put(seq, stored);
            log.byId.put(id, stored);
            log.lastSeq = seq;
            key.ifPresent(k -> byClientMsgId.put(k, stored));
            message.file().ifPresent(f -> byFileId.put(f.id(), stored));
            visibleId = Math.max(visibleId, id);
            return new AppendResult(stored, true);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public HistoryPage page(String room, PageRequest request) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(request, "request");
        RoomLog log = rooms.get(room);
        if (log == null) {
            return new HistoryPage(List.of(), false);
        }
        long low = request.after().orElse(0); // exclusive; seqs start at 1
        if (request.after().isPresent()) {
            NavigableMap<Long, Message> range = request.before().isPresent()
                    ? rangeBetween(log.bySeq, low, request.before().getAsLong())
                    : log.bySeq.tailMap(low, false);
            return firstOf(range.values().iterator(), request.limit());
        }
        NavigableMap<Long, Message> range = request.before().isPresent()
                ? log.bySeq.headMap(request.before().getAsLong(), false)
                : log.bySeq;
        HistoryPage newestFirst = firstOf(range.descendingMap().values().iterator(), request.limit());
        List<Message> ascending = new ArrayList<>(newestFirst.messages());
        Collections.reverse(ascending);
        return new HistoryPage(ascending, newestFirst.hasMore());
    }

    private static NavigableMap<Long, Message> rangeBetween(ConcurrentSkipListMap<Long, Message> bySeq,
                                                            long after, long before) {
        return after >= before ? new ConcurrentSkipListMap<>() : bySeq.subMap(after, false, before, false);
    }

    /** Up to {@code limit} messages from the iterator, and whether another one follows. */
    private static HistoryPage firstOf(Iterator<Message> it, int limit) {
        List<Message> page = new ArrayList<>(Math.min(limit, 64));
        while (page.size() < limit && it.hasNext()) {
            page.add(it.next());
        }
        return new HistoryPage(page, it.hasNext());
    }

    @Override
    public long lastSeq(String room) {
        Objects.requireNonNull(room, "room");
        RoomLog log = rooms.get(room);
        return log == null ? 0 : log.lastSeq;
    }

    @Override
    public OptionalLong firstSeq(String room) {
        Objects.requireNonNull(room, "room");
        RoomLog log = rooms.get(room);
        Map.Entry<Long, Message> first = log == null ? null : log.bySeq.firstEntry();
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.getKey());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Merges the rooms' id-ordered logs, so the cost grows with the number of rooms and the
     * limit, not with the traffic of other rooms.
     */
    @Override
    public List<Message> afterId(Collection<String> roomIds, long afterId, int limit) {
        Objects.requireNonNull(roomIds, "rooms");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        long upTo = visibleId;
        if (upTo <= afterId) {
            return List.of();
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparingLong((Cursor c) -> c.head.id()));
        for (String room : new LinkedHashSet<>(roomIds)) {
            RoomLog log = rooms.get(room);
            if (log != null) {
                Cursor cursor = new Cursor(log.byId.subMap(afterId, false, upTo, true).values().iterator());
                if (cursor.advance()) {
                    heads.add(cursor);
                }
            }
        }
        List<Message> result = new ArrayList<>(Math.min(limit, 64));
        while (result.size() < limit && !heads.isEmpty()) {
            Cursor cursor = heads.poll();
            result.add(cursor.head);
            if (cursor.advance()) {
                heads.add(cursor);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public Optional<Message> findByFileId(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        return Optional.ofNullable(byFileId.get(fileId));
    }

    @Override
    public int deleteUpTo(String room, long seq) {
        Objects.requireNonNull(room, "room");
        RoomLog log = rooms.get(room);
        if (log == null) {
            return 0;
        }
        writeLock.lock();
        try {
            int deleted = 0;
            for (Iterator<Message> it = log.bySeq.headMap(seq, true).values().iterator(); it.hasNext(); ) {
                Message m = it.next();
                it.remove();
                log.byId.remove(m.id());
                m.clientMsgId().ifPresent(c -> byClientMsgId.remove(new IdempotencyKey(m.room(), m.from(), c)));
                m.file().ifPresent(f -> byFileId.remove(f.id(), m));
                deleted++;
            }
            return deleted;
        } finally {
            writeLock.unlock();
        }
    }

    /** One room's messages. The maps are written under the store's lock and read without it. */
    private static final class RoomLog {
        final ConcurrentSkipListMap<Long, Message> bySeq = new ConcurrentSkipListMap<>();
        final ConcurrentSkipListMap<Long, Message> byId = new ConcurrentSkipListMap<>();
        /** Highest seq ever assigned; survives retention. */
        volatile long lastSeq;
    }

    private record IdempotencyKey(String room, String from, String clientMsgId) {
    }

    /** A position in one room's id-ordered log during a merge. */
    private static final class Cursor {
        private final Iterator<Message> rest;
        Message head;

        Cursor(Iterator<Message> rest) {
            this.rest = rest;
        }

        boolean advance() {
            if (!rest.hasNext()) {
                return false;
            }
            head = rest.next();
            return true;
        }
    }
}
