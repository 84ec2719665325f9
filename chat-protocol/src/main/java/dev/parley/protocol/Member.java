package dev.parley.protocol;

/**
 * A member of a room as listed to a caller.
 *
 * @param username the member
 * @param role     the member's role in the room
 * @param online   whether the member has at least one live connection
 */
public record Member(String username, Role role, boolean online) {
}
