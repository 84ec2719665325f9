package dev.parley.protocol;

import java.util.Locale;

/**
 * A member's role in a room, highest first: owner &gt; admin &gt; moderator &gt; member. What each role
 * may do is chat-core's permission table; a role acts only on members of a lower role.
 */
public enum Role {
    /** Created the room; may add members. */
    OWNER,
    /** May add members; server-wide admins show with this role in rooms they belong to. */
    ADMIN,
    /** Keeps order: kicks, bans and mutes members, deletes their messages, posts in a read-only room. */
    MODERATOR,
    /** Reads and writes the room. */
    MEMBER;

    /** Whether this role is strictly higher than {@code other}. */
    public boolean outranks(Role other) {
        return ordinal() < other.ordinal();
    }

    /** Whether this role is {@code other} or higher. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; {@link IllegalArgumentException} for an unknown one. */
    public static Role fromWire(String value) {
        return Role.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
