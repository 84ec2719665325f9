package dev.parley.core.internal.memory;

import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReactionChange;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * One room's log in {@link InMemoryMessageStore}: its entries by seq and by id, and the indexes the
 * current state needs (thread replies, reactions, edits, mentions).
 *
 * <p>Thread-safety: written only under the store's write lock. The concurrent maps are read without
 * it; the plain ones ({@link MessageReactions} and who holds what) only under it. A message's current
 * state is a new record put in place of the old one in both the seq and the id index.
 *
 * <p>Each message is kept with its reactions as a reader holding none of them sees them (counts, by
 * first use, {@code me} false), put on it whenever a REACTION entry changes them: a page reads them
 * with the message, and only the messages the reader reacted to are looked up again for {@code me}.
 */
final class RoomLog {
    final ConcurrentSkipListMap<Long, Message> bySeq = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, Message> byId = new ConcurrentSkipListMap<>();
    /** Per thread root: its replies, seq to id. */
    final ConcurrentMap<Long, ConcurrentSkipListMap<Long, Long>> threads = new ConcurrentHashMap<>();
    /** Per message that holds any, by {@link #reactionKey}: its reactions. */
    private final Map<Long, MessageReactions> reactions = new HashMap<>();
    /**
     * Per user: the ids of the messages they hold a reaction on now, ordered, so that a page asks
     * for the ids in its range once instead of once per message.
     */
    private final Map<String, NavigableSet<Long>> reactedBy = new HashMap<>();
    /** Per message: the ids of the EDIT entries that targeted it. */
    final Map<Long, List<Long>> edits = new HashMap<>();
    /** Per mentioned user key: the seqs of the messages mentioning them now, seq to id. */
    final ConcurrentMap<String, ConcurrentSkipListMap<Long, Long>> mentions = new ConcurrentHashMap<>();
    /** Highest seq ever assigned; survives retention. */
    volatile long lastSeq;

    void put(Message m) {
        bySeq.put(m.seq(), m);
        byId.put(m.id(), m);
    }

    /** The reactions of the message with this id; null for none. */
    MessageReactions reactionsOf(long id) {
        return reactions.get(reactionKey(id));
    }

    /** Applies a REACTION entry of {@code user} (with this seq) to its target, which the log rules allowed. */
    void react(long target, ReactionChange change, String user, long seq) {
        MessageReactions held;
        if (change.active()) {
            held = reactions.computeIfAbsent(reactionKey(target), k -> new MessageReactions());
            held.add(change.emoji(), user, seq);
        } else {
            held = reactionsOf(target);
            held.remove(change.emoji(), user);
            if (held.isEmpty()) {
                reactions.remove(reactionKey(target));
            }
        }
        if (held.holdsAny(user)) {
            reactedBy.computeIfAbsent(user, u -> new TreeSet<>()).add(target);
        } else {
            forget(user, target);
        }
        List<Reaction> seen = held.anonymousView();
        update(target, s -> s.withReactions(seen));
    }

    /** Drops the reactions of the message with this id (deleted, or gone by retention). */
    void removeReactions(long id) {
        MessageReactions held = reactions.remove(reactionKey(id));
        if (held != null) {
            for (String holder : held.holders()) {
                forget(holder, id);
            }
        }
    }

    private void forget(String user, long id) {
        NavigableSet<Long> ids = reactedBy.get(user);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            reactedBy.remove(user);
        }
    }

    /** The reactions, as {@code viewer} sees them, of the messages with these ids that hold any. */
    Map<Long, List<Reaction>> reactionsById(Collection<Long> ids, String viewer) {
        Map<Long, List<Reaction>> out = new HashMap<>();
        for (long id : ids) {
            MessageReactions held = reactionsOf(id);
            if (held != null) {
                out.put(id, held.read(viewer));
            }
        }
        return out;
    }

    /**
     * The reactions, as {@code viewer} sees them, of the messages they reacted to whose ids lie
     * within the page's (the map may name messages of that range that are not on the page).
     */
    Map<Long, List<Reaction>> reactionsOfHolder(List<Message> page, String viewer) {
        NavigableSet<Long> mine = reactedBy.get(viewer);
        if (mine == null || page.isEmpty()) {
            return Map.of();
        }
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (Message m : page) {
            low = Math.min(low, m.id());
            high = Math.max(high, m.id());
        }
        Map<Long, List<Reaction>> out = new HashMap<>();
        for (long id : mine.subSet(low, true, high, true)) {
            out.put(id, reactionsOf(id).read(viewer));
        }
        return out;
    }

    /**
     * The id multiplied by an odd constant (a bijection of the longs, so keys stay distinct): ids
     * taken close together differ in few of the bits a hash table uses ({@code Long.hashCode} of a
     * millisecond time shifted left), and a busy room's would crowd into few buckets.
     */
    private static Long reactionKey(long id) {
        return id * 0x9E3779B97F4A7C15L;
    }

    /** Puts the message with this id, if still kept, in its new form. */
    void replace(long id, UnaryOperator<Message> change) {
        Message m = byId.get(id);
        if (m != null) {
            put(change.apply(m));
        }
    }

    /** Adds (or removes) a content message's current mentions to (from) the mention index. */
    void mentioned(Message m, boolean add) {
        if (m == null) {
            return;
        }
        for (String user : m.mentions()) {
            String key = InputRules.key(user);
            if (add) {
                mentions.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>()).put(m.seq(), m.id());
            } else {
                ConcurrentSkipListMap<Long, Long> seqs = mentions.get(key);
                if (seqs != null) {
                    seqs.remove(m.seq());
                }
            }
        }
    }

    /** Changes the state of the message with this id, if still kept. */
    void update(long id, UnaryOperator<MessageState> change) {
        replace(id, m -> m.withState(change.apply(m.state())));
    }
}
