package dev.parley.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to a room asked for by {@code PATCH /api/rooms/{id}}: each present field is set, each
 * absent one left as it is.
 *
 * @param name     a new name (1..100 characters)
 * @param topic    a new topic (0..500 characters; {@code ""} clears it)
 * @param readOnly whether only moderators and above may post from now on
 */
public record RoomPatch(Optional<String> name, Optional<String> topic, Optional<Boolean> readOnly) {
    public RoomPatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(readOnly, "readOnly");
    }
}
