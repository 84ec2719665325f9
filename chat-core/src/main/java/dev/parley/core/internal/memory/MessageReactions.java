package dev.parley.core.internal.memory;

import dev.parley.protocol.Reaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
 *
 * <p>What a read touches is kept small, since a page's messages are spread over the heap and every
 * object read is likely a cache miss: the reactions as a reader holding none of them sees them (one
 * immutable list, handed out as is), and per holder a bit mask of the positions in that list they
 * hold, so that {@code me} costs one lookup per message rather than one per emoji.
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
    /** {@link #inOrder} as read by someone who holds none: {@code me} false everywhere. */
    private List<Reaction> anonymous = List.of();
    /** Per holder: bit i set when they hold the i-th emoji of {@link #inOrder} (at most 20, see above). */
    private final Map<String, Integer> positions = new HashMap<>(8);

    /** The distinct emoji held now, for {@code LogRules.decide}. */
    Set<String> emoji() {
        return Collections.unmodifiableSet(byEmoji.keySet());
    }

    boolean holds(String emoji, String user) {
        Emoji e = byEmoji.get(emoji);
        return e != null && e.holders.containsKey(user);
    }

    /** Whether {@code user} holds any of the emoji. */
    boolean holdsAny(String user) {
        return positions.containsKey(user);
    }

    /** Everyone who holds an emoji now. */
    Set<String> holders() {
        return Collections.unmodifiableSet(positions.keySet());
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
            inOrder.add(e); // the newest seq of all: last, so no other emoji moves
            if (inOrder.size() > Integer.SIZE) {
                throw new IllegalStateException("more distinct emoji on one message than positions: " + inOrder.size());
            }
        }
        e.holders.put(user, seq);
        positions.merge(user, 1 << inOrder.indexOf(e), (a, b) -> a | b);
        anonymous = anonymous();
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
            repositionAll();
        } else if (wasFirst) {
            inOrder.remove(e);
            long first = e.firstSeq();
            int at = inOrder.size();
            while (at > 0 && inOrder.get(at - 1).firstSeq() > first) {
                at--;
            }
            inOrder.add(at, e);
            repositionAll();
        } else {
            int bit = 1 << inOrder.indexOf(e);
            positions.computeIfPresent(user, (u, held) -> (held & ~bit) == 0 ? null : held & ~bit);
        }
        anonymous = anonymous();
    }

    /** Every holder's positions again, after emoji moved; O(holders), only when the order changes. */
    private void repositionAll() {
        positions.clear();
        for (int i = 0; i < inOrder.size(); i++) {
            int bit = 1 << i;
            for (String holder : inOrder.get(i).holders.keySet()) {
                positions.merge(holder, bit, (a, b) -> a | b);
            }
        }
    }

    private List<Reaction> anonymous() {
        Reaction[] out = new Reaction[inOrder.size()];
        for (int i = 0; i < out.length; i++) {
            Emoji e = inOrder.get(i);
            out[i] = new Reaction(e.emoji, e.holders.size(), false);
        }
        return List.of(out);
    }

    /** The reactions as someone holding none of them sees them ({@code me} false); immutable. */
    List<Reaction> anonymousView() {
        return anonymous;
    }

    /** The reactions as {@code viewer} sees them, by first use; empty for none. Immutable. */
    List<Reaction> read(String viewer) {
        Integer held = positions.get(viewer);
        if (held == null) {
            return anonymous;
        }
        Reaction[] out = anonymous.toArray(new Reaction[0]);
        for (int i = 0; i < out.length; i++) {
            if ((held & (1 << i)) != 0) {
                out[i] = new Reaction(out[i].emoji(), out[i].count(), true);
            }
        }
        return List.of(out);
    }
}
