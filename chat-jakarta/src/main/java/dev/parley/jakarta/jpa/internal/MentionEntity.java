package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * A mention a message holds now: one row per {@code (message_id, user_key)}, inserted when a CHAT or
 * PRIVATE message mentioning the user is appended, replaced by an EDIT of it, and deleted with the
 * message's DELETE or by retention. So a user's mentions in a room after their read marker are
 * counted on the index {@code (user_key, room_id, seq)}, without reading any message text; a deleted
 * message has no rows left, so the count needs no look at the message either.
 *
 * <p>Rows are written and read by statements only, never held as managed entities, for the reason
 * {@link ReactionRows} gives (see {@link MentionRows}).
 */
@Entity(name = "ParleyMention")
@IdClass(MentionEntity.Key.class)
@Table(name = "parley_mentions", indexes = {
        @Index(name = "parley_mentions_user", columnList = "user_key, room_id, seq"),
        @Index(name = "parley_mentions_message", columnList = "message_id")})
class MentionEntity {

    @Id
    @Column(name = "message_id")
    long messageId;

    /** The mentioned user's name in lower case ({@code InputRules.key}). */
    @Id
    @Column(name = "user_key", length = 255)
    String userKey;

    @Column(name = "room_id", length = 255, nullable = false)
    String room;

    /** The seq of the mentioning message. */
    @Column(name = "seq", nullable = false)
    long seq;

    /** The author's name in lower case: their mention of themselves is not counted. */
    @Column(name = "sender_key", length = 255, nullable = false)
    String senderKey;

    protected MentionEntity() {
    }

    /** The composite key; JPA requires a public class with equals and hashCode. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        long messageId;
        String userKey;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && messageId == k.messageId && userKey.equals(k.userKey);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(messageId) * 31 + userKey.hashCode();
        }
    }
}
