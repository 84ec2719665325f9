package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A room: public, private or direct.
 *
 * @param id         the id, matching {@code [a-z0-9][a-z0-9_-]{0,63}}, or {@code dm.<a>.<b>} for a direct room
 * @param name       display name (the id when none was given)
 * @param visibility who may see and join it
 * @param owner      username of the creator
 * @param createdAt  creation time
 * @param topic      what the room is about ({@code ""} when none was set)
 * @param readOnly   whether only moderators and above post in it
 */
public record Room(String id, String name, Visibility visibility, String owner, Instant createdAt, String topic,
                   boolean readOnly) {
    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(topic, "topic");
    }

    /** A room as created: no topic, not read-only. */
    public Room(String id, String name, Visibility visibility, String owner, Instant createdAt) {
        this(id, name, visibility, owner, createdAt, "", false);
    }

    /** This room with another name, topic and read-only flag. */
    public Room with(String newName, String newTopic, boolean newReadOnly) {
        return new Room(id, newName, visibility, owner, createdAt, newTopic, newReadOnly);
    }
}
