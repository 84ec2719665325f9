package dev.parley.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A room as listed to one user, with whether that user is a member and, on a room the user belongs
 * to, how much of it they have read.
 *
 * @param room   the room
 * @param member whether the caller belongs to it
 * @param counts the caller's read state in it: present on a room the caller belongs to, when the
 *               engine computed it
 */
public record RoomListing(Room room, boolean member, Optional<ReadCounts> counts) {
    public RoomListing {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(counts, "counts");
    }

    /** A listing without read state. */
    public RoomListing(Room room, boolean member) {
        this(room, member, Optional.empty());
    }

    /** This listing with the caller's read state. */
    public RoomListing withCounts(ReadCounts value) {
        return new RoomListing(room, member, Optional.of(value));
    }
}
