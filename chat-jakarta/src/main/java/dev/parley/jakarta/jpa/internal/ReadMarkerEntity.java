package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * A user's read marker in a room: one row per {@code (room_id, user_key)}, in a table of its own so
 * that writing it never touches a row an append locks ({@code parley_room_seq}, the messages). The
 * index {@code user_key} serves a user's room list; the key's own index (room first) the room's reads.
 * Written by statements only (see {@link JpaReadMarkerStore}).
 */
@Entity(name = "ParleyReadMarker")
@IdClass(ReadMarkerEntity.Key.class)
@Table(name = "parley_read_markers", indexes = @Index(name = "parley_read_markers_user", columnList = "user_key"))
class ReadMarkerEntity {

    @Id
    @Column(name = "room_id", length = 255)
    String room;

    /** The user's name in lower case ({@code InputRules.key}). */
    @Id
    @Column(name = "user_key", length = 255)
    String userKey;

    /** The name as first written. */
    @Column(name = "username", length = 255, nullable = false)
    String username;

    @Column(name = "last_read_seq", nullable = false)
    long lastReadSeq;

    protected ReadMarkerEntity() {
    }

    /** The composite key; JPA requires a public class with equals and hashCode. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String room;
        String userKey;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && room.equals(k.room) && userKey.equals(k.userKey);
        }

        @Override
        public int hashCode() {
            return room.hashCode() * 31 + userKey.hashCode();
        }
    }
}
