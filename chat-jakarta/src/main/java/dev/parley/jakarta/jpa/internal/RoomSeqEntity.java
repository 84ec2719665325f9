package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last seq given out in a room. Appends lock this row ({@code SELECT ... FOR UPDATE}), which
 * serialises them per room across every process sharing the database; it is never deleted, so
 * the counter survives retention.
 */
@Entity(name = "ParleyRoomSeq")
@Table(name = "parley_room_seq")
class RoomSeqEntity {

    @Id
    @Column(name = "room_id", length = 255)
    String roomId;

    @Column(name = "last_seq", nullable = false)
    long lastSeq;

    protected RoomSeqEntity() {
    }

    RoomSeqEntity(String roomId) {
        this.roomId = roomId;
    }

    /**
     * Takes the room's next seq. A method of the entity on purpose: a provider that weaves entities
     * for change tracking (EclipseLink inside GlassFish) sees only writes made by the entity's own
     * code, so a field assigned from another class would never be saved.
     */
    long next() {
        lastSeq = lastSeq + 1;
        return lastSeq;
    }
}
