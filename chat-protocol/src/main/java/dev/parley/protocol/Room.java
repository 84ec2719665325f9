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
 */
public record Room(String id, String name, Visibility visibility, String owner, Instant createdAt) {
    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
