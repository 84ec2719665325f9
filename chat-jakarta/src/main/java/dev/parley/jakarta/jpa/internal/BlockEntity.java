package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One user blocking another. The key is the pair of lower-cased names, so the primary key itself
 * makes a block unique without regard to case, and its leading column serves the lookup of one
 * blocker's blocks; {@code blocked} keeps the case the name was given in.
 */
@Entity(name = "ParleyBlock")
@Table(name = "parley_blocks")
@IdClass(BlockEntity.Key.class)
class BlockEntity {

    /** The primary key: blocker and blocked, lower case. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String blockerKey;
        String blockedKey;

        public Key() {
        }

        Key(String blockerKey, String blockedKey) {
            this.blockerKey = blockerKey;
            this.blockedKey = blockedKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && blockerKey.equals(k.blockerKey) && blockedKey.equals(k.blockedKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(blockerKey, blockedKey);
        }
    }

    @Id
    @Column(name = "blocker_key", length = 255)
    String blockerKey;

    @Id
    @Column(name = "blocked_key", length = 255)
    String blockedKey;

    @Column(name = "blocked", length = 255, nullable = false)
    String blocked;

    protected BlockEntity() {
    }

    BlockEntity(String blocker, String blocked) {
        this.blockerKey = UserEntity.key(blocker);
        this.blockedKey = UserEntity.key(blocked);
        this.blocked = blocked;
    }
}
