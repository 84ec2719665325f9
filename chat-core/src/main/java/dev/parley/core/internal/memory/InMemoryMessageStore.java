package dev.parley.core.internal.memory;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.LogRules;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.SearchQuery;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.SearchResults;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
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
    /** The words of every kept, undeleted content message; guarded by writeLock. */
    private final InMemorySearchIndex searchIndex = new InMemorySearchIndex();

    @Override
    public AppendResult append(NewMessage message, LongSupplier ids) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ids, "ids");
        Optional<IdempotencyKey> key = message.clientMsgId()
                .map(c -> new IdempotencyKey(message.room(), message.from(), c));
        writeLock.lock();
        try {
            RoomLog log = rooms.computeIfAbsent(message.room(), r -> new RoomLog());
            if (key.isPresent()) {
                Message earlier = byClientMsgId.get(key.get());
                if (earlier != null) {
                    return new AppendResult(log.byId.getOrDefault(earlier.id(), earlier), false);
                }
            }
            if (message.kind().isLifecycle()) {
                long target = message.target().getAsLong();
                MessageReactions held = log.reactionsOf(target);
                boolean authorHas = held != null && message.reaction()
                        .map(r -> held.holds(r.emoji(), message.from()))
                        .orElse(false);
                if (LogRules.decide(message, Optional.ofNullable(log.byId.get(target)),
                        held == null ? Set.of() : held.emoji(), authorHas) == LogRules.Outcome.NOTHING) {
                    return AppendResult.nothing();
                }
            }
            long id = ids.getAsLong();
            long seq = log.lastSeq + 1;
            Message stored = new Message(id, message.room(), seq, message.kind(), message.from(), message.text(),
                    message.createdAt(), message.clientMsgId(), message.file(), message.replyTo(), message.thread(),
                    message.target(), message.reaction(), MessageState.ORIGINAL, message.mentions(), message.act());
            log.put(stored);
            log.lastSeq = seq;
            key.ifPresent(k -> byClientMsgId.put(k, stored));
            message.file().ifPresent(f -> byFileId.put(f.id(), stored));
            apply(log, stored);
            visibleId = Math.max(visibleId, id);
            return new AppendResult(stored, true);
        } finally {
            writeLock.unlock();
        }
    }

    /** Applies a stored entry to the message it acts on (see {@link MessageStore}); under the write lock. */
    private void apply(RoomLog log, Message entry) {
        if (entry.kind().isContent()) {
            searchIndex.put(entry.id(), entry.room(), entry.text());
            log.mentioned(entry, true);
        }
        if (entry.kind().isContent() && entry.thread().isPresent()) {
            log.threads.computeIfAbsent(entry.thread().getAsLong(), r -> new ConcurrentSkipListMap<>())
                    .put(entry.seq(), entry.id());
            log.update(entry.thread().getAsLong(), s -> new MessageState(s.editedAt(), s.deleted(), s.reactions(),
                    s.replies() + 1, Optional.of(entry.createdAt())));
            return;
        }
        if (!entry.kind().isLifecycle()) {
            return;
        }
        long target = entry.target().getAsLong();
        switch (entry.kind()) {
            case EDIT -> {
                if (log.byId.containsKey(target)) {
                    searchIndex.put(target, entry.room(), entry.text());
                }
                log.edits.computeIfAbsent(target, t -> new ArrayList<>()).add(entry.id());
                log.mentioned(log.byId.get(target), false);
                log.replace(target, m -> new Message(m.id(), m.room(), m.seq(), m.kind(), m.from(), entry.text(),
                        m.createdAt(), m.clientMsgId(), m.file(), m.replyTo(), m.thread(), m.target(), m.reaction(),
                        new MessageState(Optional.of(entry.createdAt()), false, m.state().reactions(),
                                m.state().replies(), m.state().lastReplyAt()), entry.mentions()));
                log.mentioned(log.byId.get(target), true);
            }
            case DELETE -> {
                searchIndex.remove(target);
                Message before = log.byId.get(target);
                before.file().ifPresent(f -> byFileId.remove(f.id()));
                log.removeReactions(target);
                log.mentioned(before, false);
                log.replace(target, m -> new Message(m.id(), m.room(), m.seq(), m.kind(), m.from(), "",
                        m.createdAt(), m.clientMsgId(), Optional.empty(), m.replyTo(), m.thread(), m.target(),
                        m.reaction(), new MessageState(m.state().editedAt(), true, List.of(), m.state().replies(),
                                m.state().lastReplyAt())));
                for (long edit : log.edits.getOrDefault(target, List.of())) {
                    log.replace(edit, e -> new Message(e.id(), e.room(), e.seq(), e.kind(), e.from(), "",
                            e.createdAt(), e.clientMsgId(), e.file(), e.replyTo(), e.thread(), e.target(),
                            e.reaction(), e.state()));
                }
                before.thread().ifPresent(root -> log.update(root, s -> new MessageState(s.editedAt(), s.deleted(),
                        s.reactions(), Math.max(0, s.replies() - 1), s.lastReplyAt())));
            }
            case REACTION -> log.react(target, entry.reaction().orElseThrow(), entry.from(), entry.seq());
            default -> throw new IllegalStateException(entry.kind().name());
        }
    }

    @Override
    public Optional<Message> find(String room, long id) {
        Objects.requireNonNull(room, "room");
        RoomLog log = rooms.get(room);
        return log == null ? Optional.empty() : Optional.ofNullable(log.byId.get(id));
    }

    @Override
    public HistoryPage thread(String room, long root, PageRequest request) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(request, "request");
        RoomLog log = rooms.get(room);
        ConcurrentSkipListMap<Long, Long> replies = log == null ? null : log.threads.get(root);
        if (replies == null) {
            return new HistoryPage(List.of(), false);
        }
        return slice(replies, request, log.byId::get);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads under the write lock, since the reactions are plain objects: each message's are kept
     * in the order they are read in ({@link MessageReactions}), so the lock is held for the time of
     * copying out the page's reactions.
     */
    @Override
    public Map<Long, List<Reaction>> reactions(String room, Collection<Long> ids, String viewer) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(viewer, "viewer");
        return underLock(room, log -> log.reactionsById(ids, viewer));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The messages of a page carry their reactions as a viewer holding none sees them (the store
     * puts them on the message whenever a REACTION entry changes them), so only the messages the
     * viewer reacted to are read again, under the write lock, from the set of the viewer's own.
     */
    @Override
    public Map<Long, List<Reaction>> reactionsOf(String room, List<Message> page, String viewer) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(viewer, "viewer");
        return underLock(room, log -> log.reactionsOfHolder(page, viewer));
    }

    /** Reactions read from the room's log under the write lock (they are plain objects); none for no log. */
    private Map<Long, List<Reaction>> underLock(String room, Function<RoomLog, Map<Long, List<Reaction>>> read) {
        RoomLog log = rooms.get(room);
        if (log == null) {
            return Map.of();
        }
        writeLock.lock();
        try {
            return read.apply(log);
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
        return slice(log.bySeq, request, m -> m);
    }

    /** The page of a seq-ordered index that the request names, each value made a message by {@code read}. */
    private static <V> HistoryPage slice(ConcurrentSkipListMap<Long, V> bySeq, PageRequest request,
                                         Function<V, Message> read) {
        long low = request.after().orElse(0); // exclusive; seqs start at 1
        if (request.after().isPresent()) {
            NavigableMap<Long, V> range = request.before().isPresent()
                    ? rangeBetween(bySeq, low, request.before().getAsLong())
                    : bySeq.tailMap(low, false);
            return firstOf(range.values().iterator(), request.limit(), read);
        }
        NavigableMap<Long, V> range = request.before().isPresent()
                ? bySeq.headMap(request.before().getAsLong(), false)
                : bySeq;
        HistoryPage newestFirst = firstOf(range.descendingMap().values().iterator(), request.limit(), read);
        List<Message> ascending = new ArrayList<>(newestFirst.messages());
        Collections.reverse(ascending);
        return new HistoryPage(ascending, newestFirst.hasMore());
    }

    private static <V> NavigableMap<Long, V> rangeBetween(ConcurrentSkipListMap<Long, V> bySeq, long after, long before) {
        return after >= before ? new ConcurrentSkipListMap<>() : bySeq.subMap(after, false, before, false);
    }

    /** Up to {@code limit} messages from the iterator, and whether another one follows. */
    private static <V> HistoryPage firstOf(Iterator<V> it, int limit, Function<V, Message> read) {
        List<Message> page = new ArrayList<>(Math.min(limit, 64));
        while (page.size() < limit && it.hasNext()) {
            Message m = read.apply(it.next());
            if (m != null) {
                page.add(m);
            }
        }
        return new HistoryPage(page, it.hasNext());
    }

    @Override
    public long lastSeq(String room) {
        Objects.requireNonNull(room, "room");
        RoomLog log = rooms.get(room);
        return log == null ? 0 : log.lastSeq;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks the room's seq index from the marker, stopping at {@code cap} unread messages, and the
     * room's mention index of the viewer from the marker: no lock, and nothing before the marker read.
     */
    @Override
    public Map<String, ReadCounts> readCounts(String viewer, Map<String, Long> markers, int cap) {
        Objects.requireNonNull(viewer, "viewer");
        String key = InputRules.key(viewer);
        Map<String, ReadCounts> out = new HashMap<>();
        markers.forEach((room, marker) -> {
            RoomLog log = rooms.get(room);
            if (log == null) {
                out.put(room, new ReadCounts(0, 0, 0, 0));
                return;
            }
            long last = log.lastSeq;
            long unread = 0;
            for (Message m : log.bySeq.tailMap(marker, false).values()) {
                if (unread >= cap) {
                    break;
                }
                if (counts(m, key)) {
                    unread++;
                }
            }
            long mentioned = 0;
            ConcurrentSkipListMap<Long, Long> mine = log.mentions.get(key);
            if (mine != null) {
                for (long id : mine.tailMap(marker, false).values()) {
                    if (mentioned >= cap) {
                        break;
                    }
                    Message m = log.byId.get(id);
                    if (m != null && counts(m, key)) {
                        mentioned++;
                    }
                }
            }
            out.put(room, new ReadCounts(last, Math.min(marker, last), unread, mentioned));
        });
        return out;
    }

    private static boolean counts(Message m, String viewerKey) {
        return m.kind().isContent() && !m.state().deleted() && !InputRules.key(m.from()).equals(viewerKey);
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

    /**
     * {@inheritDoc}
     *
     * <p>Under the write lock, as the index is written in the step that writes a message: a search
     * sees every append that returned, and nothing half-applied.
     */
    @Override
    public SearchResults search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        writeLock.lock();
        try {
            List<InMemorySearchIndex.Hit> hits = searchIndex.search(query);
            List<Message> out = new ArrayList<>(Math.min(hits.size(), query.limit()));
            for (int i = 0; i < hits.size() && i < query.limit(); i++) {
                out.add(rooms.get(hits.get(i).room()).byId.get(hits.get(i).id()));
            }
            return new SearchResults(out, hits.size() > query.limit());
        } finally {
            writeLock.unlock();
        }
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
                m.file().ifPresent(f -> byFileId.remove(f.id()));
                log.removeReactions(m.id());
                searchIndex.remove(m.id());
                log.edits.remove(m.id());
                log.threads.remove(m.id());
                log.mentioned(m, false);
                m.thread().ifPresent(root -> {
                    ConcurrentSkipListMap<Long, Long> replies = log.threads.get(root);
                    if (replies != null) {
                        replies.remove(m.seq());
                    }
                });
                deleted++;
            }
            return deleted;
        } finally {
            writeLock.unlock();
        }
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
