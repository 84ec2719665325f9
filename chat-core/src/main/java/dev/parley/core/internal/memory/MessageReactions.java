package dev.parley.core.internal.memory;

import dev.parley.protocol.Reaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current reactions of one message, kept in the order a reader sees them: by first use, the
 * earliest seq among an emoji's current holders first. Changed only by the REACTION entries the
 * store applies, so that a read copies them out in O(reactions of the message) instead of sorting
 * holders on every page.
 *
 * <p>Not thread-safe: the in-memory store reads and writes it under its write lock.
 *
 * <p>Why the order is cheap to keep: seqs only grow, so an emoji's holders in insertion order are its
 * holders in seq order, and a new emoji has the highest first seq of all (it goes last). Only the
 * removal of an emoji's first holder moves that emoji, to later, among at most
 * {@code InputRules.MAX_REACTIONS} others.
 */
final class MessageReactions {

    /** One emoji's holders, username to the seq of their reaction, oldest first. */
    private static final class Emoji {
        final String emoji;
        final LinkedHashMap<String, Long> holders = new LinkedHashMap<>();

        Emoji(String emoji) {
            this.emoji = emoji;
        }

        long firstSeq() {
            return holders.values().iterator().next();
        }
    }

    /** By first use. */
    private final List<Emoji> inOrder = new ArrayList<>(4);
    private final Map<String, Emoji> byEmoji = new HashMap<>(8);

    /** The distinct emoji held now, for {@code LogRules.decide}. */
    Set<String> emoji() {
        return Collections.unmodifiableSet(byEmoji.keySet());
    }

    boolean holds(String emoji, String user) {
        Emoji e = byEmoji.get(emoji);
        return e != null && e.holders.containsKey(user);
    }

    boolean isEmpty() {
        return inOrder.isEmpty();
    }

    /** A reaction added by the entry with this seq; the user does not hold the emoji yet. */
    void add(String emoji, String user, long seq) {
        Emoji e = byEmoji.get(emoji);
        if (e == null) {
            e = new Emoji(emoji);
            byEmoji.put(emoji, e);
            inOrder.add(e); // the newest seq of all: last
        }
        e.holders.put(user, seq);
    }

    /** A reaction taken back; the user holds the emoji. */
    void remove(String emoji, String user) {
        Emoji e = byEmoji.get(emoji);
        if (e == null) {
            return;
        }
        boolean wasFirst = e.holders.keySet().iterator().next().equals(user);
        e.holders.remove(user);
        if (e.holders.isEmpty()) {
            byEmoji.remove(emoji);
            inOrder.remove(e);
        } else if (wasFirst) {
            inOrder.remove(e);
            long first = e.firstSeq();
            int at = inOrder.size();
            while (at > 0 && inOrder.get(at - 1).firstSeq() > first) {
                at--;
            }
            inOrder.add(at, e);
        }
    }

    /** The reactions as {@code viewer} sees them, by first use; empty for none. */
    List<Reaction> read(String viewer) {
        Reaction[] out = new Reaction[inOrder.size()];
        Iterator<Emoji> it = inOrder.iterator();
        for (int i = 0; i < out.length; i++) {
            Emoji e = it.next();
            out[i] = new Reaction(e.emoji, e.holders.size(), e.holders.containsKey(viewer));
        }
        return List.of(out);
    }
}
