package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.Sanction;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A ban or a mute of one user in one room; the key {@code (kind, room_id, username)} keeps at most
 * one of each kind per user and room, and its prefix serves "the room's bans".
 */
@Entity(name = "ParleySanction")
@IdClass(SanctionEntity.Key.class)
@Table(name = "parley_sanctions")
class SanctionEntity {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 8)
    Sanction.Kind kind;

    @Id
    @Column(name = "room_id", length = 255)
    String roomId;

    @Id
    @Column(name = "username", length = 255)
    String username;

    @Column(name = "imposed_by", length = 255, nullable = false)
    String by;

    @Convert(converter = InstantConverter.class)
    @Column(name = "until_ms")
    Instant until;

    @Column(name = "reason", length = 500)
    String reason;

    protected SanctionEntity() {
    }

    SanctionEntity(Sanction s) {
        this.kind = s.kind();
        this.roomId = s.room();
        this.username = s.username();
        replaceWith(s);
    }

    /** Takes another sanction's terms; an entity method so that woven change tracking sees it (see RoomSeqEntity#next). */
    void replaceWith(Sanction s) {
        this.by = s.by();
        this.until = s.until().orElse(null);
        this.reason = s.reason().orElse(null);
    }

    Sanction toSanction() {
        return new Sanction(kind, roomId, username, by, Optional.ofNullable(until), Optional.ofNullable(reason));
    }

    /** The composite key; JPA requires a public class with equals and hashCode. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        Sanction.Kind kind;
        String roomId;
        String username;

        public Key() {
        }

        Key(Sanction.Kind kind, String roomId, String username) {
            this.kind = kind;
            this.roomId = roomId;
            this.username = username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && roomId.equals(k.roomId) && username.equals(k.username);
        }

        @Override
        public int hashCode() {
            return (kind.hashCode() * 31 + roomId.hashCode()) * 31 + username.hashCode();
        }
    }
}
