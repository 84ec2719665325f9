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

/** A room, keyed by its id. The v2 columns (topic, read-only) are nullable, so a v1 row reads as no topic, not read-only. */
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

    /** v2; NULL (a room a v1 database holds, or one never given a topic) reads as {@code ""}. */
    @Column(name = "topic", length = 500)
    String topic;

    /** v2; NULL reads as false. */
    @Column(name = "read_only")
    Boolean readOnly;

    protected RoomEntity() {
    }

    RoomEntity(Room room) {
        this.id = room.id();
        this.name = room.name();
        this.visibility = room.visibility();
        this.owner = room.owner();
        this.createdAt = room.createdAt();
        this.topic = room.topic().isEmpty() ? null : room.topic();
        this.readOnly = room.readOnly() ? Boolean.TRUE : null;
    }

    /** Sets what a room update may change. */
    void update(String newName, String newTopic, boolean newReadOnly) {
        this.name = newName;
        this.topic = newTopic.isEmpty() ? null : newTopic;
        this.readOnly = newReadOnly;
    }

    Room toRoom() {
        return new Room(id, name, visibility, owner, createdAt, topic == null ? "" : topic, Boolean.TRUE.equals(readOnly));
    }
}
