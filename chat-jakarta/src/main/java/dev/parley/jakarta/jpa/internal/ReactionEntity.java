package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * A reaction a user holds on a message now: one row per {@code (message_id, emoji, username)},
 * inserted by the REACTION entry that added it (whose seq it keeps, so that a message's emoji are
 * listed in order of first use) and deleted by the one that took it back, by the message's DELETE,
 * or by retention. Every lookup is by message, so the index {@code (message_id, emoji)} serves them
 * (the per-page read of {@link ReactionRows#read} included); the key's own index cannot, since the
 * provider orders a composite key's columns by name, putting {@code emoji} first.
 *
 * <p>This entity declares the table (the provider creates it with the schema); its rows are only
 * ever read by queries and written by statements, never held as managed entities: see
 * {@link ReactionRows} for why.
 */
@Entity(name = "ParleyReaction")
@IdClass(ReactionEntity.Key.class)
@Table(name = "parley_reactions", indexes = @Index(name = "parley_reactions_message", columnList = "message_id, emoji"))
class ReactionEntity {

    @Id
    @Column(name = "message_id")
    long messageId;

    /** {@code InputRules.MAX_EMOJI} code points, so at most 64 UTF-16 units. */
    @Id
    @Column(name = "emoji", length = 64)
    String emoji;

    @Id
    @Column(name = "username", length = 255)
    String username;

    @Column(name = "room_id", length = 255, nullable = false)
    String room;

    /** The seq of the REACTION entry that added it. */
    @Column(name = "seq", nullable = false)
    long seq;

    protected ReactionEntity() {
    }

    /** The composite key; JPA requires a public class with equals and hashCode. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        long messageId;
        String emoji;
        String username;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && messageId == k.messageId && emoji.equals(k.emoji)
                    && username.equals(k.username);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(messageId) * 31 + emoji.hashCode()) * 31 + username.hashCode();
        }
    }
}
