package dev.parley.core.spi;

import dev.parley.protocol.Role;

import java.util.Objects;

/**
 * One user's membership of a room, as a {@link RoomStore} keeps it.
 *
 * @param username the member (as registered)
 * @param role     the role
 */
public record Membership(String username, Role role) {
    public Membership {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }
}
