package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.InputRules;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import java.util.List;

/**
 * Every write of {@code parley_mentions} (see {@link MentionEntity}) and the count that reads it,
 * each on the entity manager of the caller's transaction. Written by statements that reach the
 * database at once, as {@link ReactionRows} explains, so that an EDIT or DELETE later in the same
 * batch sees the rows an earlier entry wrote.
 */
final class MentionRows {

    private MentionRows() {
    }

    /** The message now mentions {@code users} (as it did nobody before). */
    static void add(EntityManager em, String room, long message, long seq, String sender, List<String> users) {
        for (String user : users) {
            em.createNativeQuery("INSERT INTO parley_mentions (message_id, user_key, room_id, seq, sender_key)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, message)
                    .setParameter(2, InputRules.key(user))
                    .setParameter(3, room)
                    .setParameter(4, seq)
                    .setParameter(5, InputRules.key(sender))
                    .setFlushMode(FlushModeType.COMMIT)
                    .executeUpdate();
        }
    }

    /** The message mentions nobody any more (deleted, or about to take an edit's mentions). */
    static void removeAll(EntityManager em, long message) {
        em.createQuery("DELETE FROM ParleyMention x WHERE x.messageId = :m")
                .setParameter("m", message)
                .setFlushMode(FlushModeType.COMMIT)
                .executeUpdate();
    }

    /** Retention: the mentions held by the room's messages with seq up to {@code seq}. */
    static void removeUpTo(EntityManager em, String room, long seq) {
        em.createQuery("DELETE FROM ParleyMention x WHERE x.room = :r AND x.seq <= :s")
                .setParameter("r", room)
                .setParameter("s", seq)
                .executeUpdate();
    }

    /** The messages after {@code afterSeq} mentioning the user, not by the user, counted up to {@code cap}. */
    static long count(EntityManager em, String room, String userKey, long afterSeq, int cap) {
        return em.createQuery("SELECT x.seq FROM ParleyMention x"
                        + " WHERE x.userKey = :u AND x.room = :r AND x.seq > :s AND x.senderKey <> :u", Long.class)
                .setParameter("u", userKey)
                .setParameter("r", room)
                .setParameter("s", afterSeq)
                .setMaxResults(cap)
                .getResultList().size();
    }
}
