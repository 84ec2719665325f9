package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A room as listed to one user, with whether that user is a member and, on a room the user belongs
 * to, how much of it they have read and whether they are muted there.
 *
 * @param room       the room
 * @param member     whether the caller belongs to it
 * @param counts     the caller's read state in it: present on a room the caller belongs to, when the
 *                   engine computed it
 * @param muted      whether a mute of the caller is in force in the room (on the wire {@code "muted": true},
 *                   absent otherwise), so that a client knows it before it meets the MODERATION entry
 * @param mutedUntil when that mute lapses by itself; empty for a mute until lifted, and when not muted
 */
public record RoomListing(Room room, boolean member, Optional<ReadCounts> counts, boolean muted,
                          Optional<Instant> mutedUntil) {
    public RoomListing {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(mutedUntil, "mutedUntil");
        if (!muted && mutedUntil.isPresent()) {
            throw new IllegalArgumentException("mutedUntil without muted");
        }
    }

    /** A listing without read state, not muted. */
    public RoomListing(Room room, boolean member) {
        this(room, member, Optional.empty(), false, Optional.empty());
    }

    /** A listing with read state (or none), not muted. */
    public RoomListing(Room room, boolean member, Optional<ReadCounts> counts) {
        this(room, member, counts, false, Optional.empty());
    }

    /** This listing with the caller's read state. */
    public RoomListing withCounts(ReadCounts value) {
        return new RoomListing(room, member, Optional.of(value), muted, mutedUntil);
    }

    /** This listing with the caller muted until {@code until} (empty: until lifted). */
    public RoomListing withMute(Optional<Instant> until) {
        return new RoomListing(room, member, counts, true, until);
    }
}
