package dev.parley.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A member of a room as listed to a caller.
 *
 * @param username    the member
 * @param role        the member's role in the room
 * @param online      whether the member has at least one live connection
 * @param displayName the member's display name; empty when none is set
 */
public record Member(String username, Role role, boolean online, Optional<String> displayName) {
    public Member {
        Objects.requireNonNull(displayName, "displayName");
    }

    /** A member with no display name. */
    public Member(String username, Role role, boolean online) {
        this(username, role, online, Optional.empty());
    }
}
