package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.Role;
import dev.parley.core.spi.Membership;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * One user's membership of one room; the key {@code (room_id, username)} makes a second
 * membership impossible, and the index on {@code username} serves "rooms of a user".
 */
@Entity(name = "ParleyMembership")
@IdClass(MembershipEntity.Key.class)
@Table(name = "parley_members", indexes = @Index(name = "parley_members_user", columnList = "username, room_id"))
class MembershipEntity {

    @Id
    @Column(name = "room_id", length = 255)
    String roomId;

    @Id
    @Column(name = "username", length = 255)
    String username;

    @Enumerated(EnumType.STRING)
    @Column(name = "member_role", length = 16, nullable = false)
    Role role;

    protected MembershipEntity() {
    }

    MembershipEntity(String roomId, String username, Role role) {
        this.roomId = roomId;
        this.username = username;
        this.role = role;
    }

    Membership toMembership() {
        return new Membership(username, role);
    }

    /** The composite key; JPA requires a public class with equals and hashCode. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String roomId;
        String username;

        public Key() {
        }

        Key(String roomId, String username) {
            this.roomId = roomId;
            this.username = username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && roomId.equals(k.roomId) && username.equals(k.username);
        }

        @Override
        public int hashCode() {
            return roomId.hashCode() * 31 + username.hashCode();
        }
    }
}
