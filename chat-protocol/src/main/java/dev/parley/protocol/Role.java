package dev.parley.protocol;

import java.util.Locale;

/** A member's role in a room. */
public enum Role {
    /** Created the room; may add members. */
    OWNER,
    /** May add members; server-wide admins show with this role in rooms they belong to. */
    ADMIN,
    /** Reads and writes the room. */
    MEMBER;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; {@link IllegalArgumentException} for an unknown one. */
    public static Role fromWire(String value) {
        return Role.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
