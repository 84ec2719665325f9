package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/** A room, keyed by its id. */
@Entity(name = "ParleyRoom")
@Table(name = "parley_rooms", indexes = @Index(name = "parley_rooms_visibility", columnList = "visibility, room_id"))
class RoomEntity {

    @Id
    @Column(name = "room_id", length = 255)
    String id;

    @Column(name = "name", length = 255, nullable = false)
    String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "visibility", length = 16, nullable = false)
    Visibility visibility;

    @Column(name = "owner_name", length = 255, nullable = false)
    String owner;

    @Convert(converter = InstantConverter.class)
    @Column(name = "created_at_ms", nullable = false)
    Instant createdAt;

    protected RoomEntity() {
    }

    RoomEntity(Room room) {
        this.id = room.id();
        this.name = room.name();
        this.visibility = room.visibility();
        this.owner = room.owner();
        this.createdAt = room.createdAt();
    }

    Room toRoom() {
        return new Room(id, name, visibility, owner, createdAt);
    }
}
