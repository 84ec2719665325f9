package dev.parley.protocol;

/**
 * A room as listed to one user, with whether that user is a member.
 *
 * @param room   the room
 * @param member whether the caller belongs to it
 */
public record RoomListing(Room room, boolean member) {
}
