package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.LogRules;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.ReactionChange;
import jakarta.persistence.EntityManager;

import java.util.Optional;
import java.util.Set;

/**
 * What appending an entry does besides inserting its row: the one place where both append paths
 * ({@link JpaMessageStore}'s transaction per message and {@link GroupCommit}'s batch) decide an
 * EDIT, DELETE or REACTION entry with {@link LogRules} and apply it, or a thread reply, to the
 * message it acts on, as {@link dev.parley.core.spi.MessageStore} describes. Both run inside the
 * transaction that holds the room's counter lock, so two entries racing on one message are decided
 * one after the other, in every process sharing the database.
 *
 * <p>Within a batch, each entry sees what the earlier ones did: message rows change through their
 * managed entities, which {@link EntityManager#find} returns as this transaction left them, and
 * reaction rows through statements that are in the database at once (see {@link ReactionRows}).
 */
final class EntryEffects {

    private EntryEffects() {
    }

    /**
     * Decides a lifecycle entry against its target as stored now. Only reads, so a refusal leaves the
     * transaction as it was and fails nothing but this entry.
     *
     * @throws dev.parley.protocol.ChatException NOT_FOUND or CONFLICT, see {@link LogRules#decide}
     */
    static LogRules.Outcome decide(EntityManager em, NewMessage entry) {
        long target = entry.target().getAsLong();
        MessageEntity row = em.find(MessageEntity.class, target);
        Optional<Message> current = Optional.ofNullable(row).map(MessageEntity::toMessage);
        Set<String> emoji = Set.of();
        boolean authorHas = false;
        if (entry.kind() == MessageKind.REACTION && row != null) {
            ReactionChange change = entry.reaction().orElseThrow();
            emoji = ReactionRows.emoji(em, target);
            authorHas = ReactionRows.holds(em, target, change.emoji(), entry.from());
        }
        return LogRules.decide(entry, current, emoji, authorHas);
    }

    /**
     * Applies an entry just persisted (and, when it acts on a message, decided {@code APPLY}) to the
     * message it acts on; nothing for an entry that acts on none.
     */
    static void apply(EntityManager em, MessageEntity entry) {
        if (entry.kind.isContent()) {
            MentionRows.add(em, entry.room, entry.id, entry.seq, entry.sender, entry.mentionList());
            if (entry.threadId != null) {
                sameRoom(em, entry.room, entry.threadId).ifPresent(root -> root.replyAdded(entry.createdAt));
            }
            return;
        }
        if (!entry.kind.isLifecycle()) {
            return;
        }
        MessageEntity target = sameRoom(em, entry.room, entry.targetId)
                .orElseThrow(() -> new IllegalStateException("entry " + entry.id + " was decided without a target"));
        switch (entry.kind) {
            case EDIT -> {
                target.edit(entry.body, entry.createdAt, entry.mentionList());
                MentionRows.removeAll(em, target.id);
                MentionRows.add(em, target.room, target.id, target.seq, target.sender, entry.mentionList());
            }
            case DELETE -> delete(em, target);
            case REACTION -> {
                if (Boolean.TRUE.equals(entry.reactionActive)) {
                    ReactionRows.add(em, entry.room, target.id, entry.emoji, entry.sender, entry.seq);
                } else {
                    ReactionRows.remove(em, target.id, entry.emoji, entry.sender);
                }
            }
            default -> throw new IllegalStateException(entry.kind.name());
        }
    }

    private static void delete(EntityManager em, MessageEntity target) {
        target.delete();
        ReactionRows.removeAll(em, target.id);
        MentionRows.removeAll(em, target.id);
        // The EDIT entries this transaction persisted are rows only once flushed, and the query must find them
        // too: said here rather than left to the provider's flush mode, which a container may set to COMMIT.
        em.flush();
        em.createQuery("SELECT m FROM ParleyMessage m WHERE m.targetId = :t AND m.room = :r AND m.kind = :k",
                        MessageEntity.class)
                .setParameter("t", target.id)
                .setParameter("r", target.room)
                .setParameter("k", MessageKind.EDIT)
                .getResultList()
                .forEach(MessageEntity::blank);
        if (target.threadId != null) {
            sameRoom(em, target.room, target.threadId).ifPresent(MessageEntity::replyRemoved);
        }
    }

    /** The message with this id, if the room holds it (a thread root may be gone to retention). */
    private static Optional<MessageEntity> sameRoom(EntityManager em, String room, long id) {
        return Optional.ofNullable(em.find(MessageEntity.class, id)).filter(m -> m.room.equals(room));
    }
}
