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
}
