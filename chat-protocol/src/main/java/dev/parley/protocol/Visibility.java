package dev.parley.protocol;

import java.util.Locale;

/** Who may see and join a room. */
public enum Visibility {
    /** Listed to everyone; anyone may join. */
    PUBLIC,
    /** Seen and joined only by members, who are added by the owner or an admin. */
    PRIVATE,
    /** A direct conversation between exactly two users, id {@code dm.<a>.<b>}. */
    DIRECT;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name ({@code public}, {@code private}, {@code direct}).
     *
     * @throws ChatException BAD_REQUEST for anything else
     */
    public static Visibility fromWire(String value) {
        if (value != null) {
            for (Visibility v : values()) {
                if (v.wireName().equals(value)) {
                    return v;
                }
            }
        }
        throw ChatException.badRequest("visibility must be \"public\" or \"private\", got " + value);
    }
}
