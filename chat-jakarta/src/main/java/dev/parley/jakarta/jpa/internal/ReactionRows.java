package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.Reaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every read and write of {@code parley_reactions} (see {@link ReactionEntity}), each on the entity
 * manager of the caller's transaction.
 *
 * <p>Rows are written by statements that go to the database at once (an INSERT, a bulk DELETE),
 * never persisted or removed as managed entities. Within one batch transaction
 * ({@link GroupCommit}) a user may add, take back and add again the same reaction, and a message's
 * DELETE drops all of its reactions at once: a persistence context would have to track the same key
 * as removed and new again, and could not see a bulk delete at all. A statement leaves nothing for
 * the provider to reconcile at commit, and every later query of the transaction sees it. The
 * queries made while appending run with {@link FlushModeType#COMMIT}, since no reaction is ever
 * pending in the persistence context: a flush there would only split the batch's inserts.
 */
final class ReactionRows {

    private ReactionRows() {
    }

    /** The distinct emoji the message holds now. */
    static Set<String> emoji(EntityManager em, long message) {
        return new HashSet<>(em.createQuery(
                        "SELECT DISTINCT r.emoji FROM ParleyReaction r WHERE r.messageId = :m", String.class)
                .setParameter("m", message)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList());
    }

    /** Whether {@code user} holds {@code emoji} on the message now. */
    static boolean holds(EntityManager em, long message, String emoji, String user) {
        return !em.createQuery("SELECT r.seq FROM ParleyReaction r"
                        + " WHERE r.messageId = :m AND r.emoji = :e AND r.username = :u", Long.class)
                .setParameter("m", message)
                .setParameter("e", emoji)
                .setParameter("u", user)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList().isEmpty();
    }

    /** {@code user} now holds {@code emoji} on the message, since the REACTION entry {@code seq}. */
    static void add(EntityManager em, String room, long message, String emoji, String user, long seq) {
        em.createNativeQuery("INSERT INTO parley_reactions (message_id, emoji, username, room_id, seq)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, message)
                .setParameter(2, emoji)
                .setParameter(3, user)
                .setParameter(4, room)
                .setParameter(5, seq)
                .setFlushMode(FlushModeType.COMMIT)
                .executeUpdate();
    }

    /** {@code user} no longer holds {@code emoji} on the message. */
    static void remove(EntityManager em, long message, String emoji, String user) {
        em.createQuery("DELETE FROM ParleyReaction r"
                        + " WHERE r.messageId = :m AND r.emoji = :e AND r.username = :u")
                .setParameter("m", message)
                .setParameter("e", emoji)
                .setParameter("u", user)
                .setFlushMode(FlushModeType.COMMIT)
                .executeUpdate();
    }

    /** The message holds no reaction any more (it was deleted). */
    static void removeAll(EntityManager em, long message) {
        em.createQuery("DELETE FROM ParleyReaction r WHERE r.messageId = :m")
                .setParameter("m", message)
                .setFlushMode(FlushModeType.COMMIT)
                .executeUpdate();
    }

    /** Retention: the reactions on the room's messages with seq up to {@code seq}, before those go. */
    static void removeUpTo(EntityManager em, String room, long seq) {
        em.createQuery("DELETE FROM ParleyReaction r WHERE r.room = :r AND r.messageId IN"
                        + " (SELECT m.id FROM ParleyMessage m WHERE m.room = :r AND m.seq <= :s)")
                .setParameter("r", room)
                .setParameter("s", seq)
                .executeUpdate();
    }

    /**
     * The current reactions of the given messages of a room, in one query: a count per (message,
     * emoji), the seq of the earliest reaction still held with that emoji (the order of first use),
     * and whether {@code viewer} is among them. Messages without reactions are left out.
     */
    static Map<Long, List<Reaction>> read(EntityManager em, String room, Collection<Long> ids, String viewer) {
        List<Object[]> rows = em.createQuery("SELECT r.messageId, r.emoji, COUNT(r), MIN(r.seq),"
                        + " MAX(CASE WHEN r.username = :v THEN 1 ELSE 0 END)"
                        + " FROM ParleyReaction r WHERE r.room = :r AND r.messageId IN :ids"
                        + " GROUP BY r.messageId, r.emoji", Object[].class)
                .setParameter("v", viewer)
                .setParameter("r", room)
                .setParameter("ids", List.copyOf(new HashSet<>(ids)))
                .getResultList();
        Map<Long, List<Held>> byMessage = new HashMap<>();
        for (Object[] row : rows) {
            byMessage.computeIfAbsent(((Number) row[0]).longValue(), m -> new ArrayList<>())
                    .add(new Held(((Number) row[3]).longValue(), new Reaction((String) row[1],
                            ((Number) row[2]).intValue(), ((Number) row[4]).intValue() == 1)));
        }
        Map<Long, List<Reaction>> out = new HashMap<>();
        byMessage.forEach((message, held) -> {
            held.sort(Comparator.comparingLong(Held::firstSeq));
            out.put(message, held.stream().map(Held::reaction).toList());
        });
        return out;
    }

    /** One emoji of a message, with the seq of its earliest current reaction. */
    private record Held(long firstSeq, Reaction reaction) {
    }
}
