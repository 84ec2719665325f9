package dev.parley.protocol;

/**
 * The kinds of entry a room's log holds. The set is closed: the contract names exactly these.
 * The first six are v1's; the lifecycle kinds ({@link #EDIT}, {@link #DELETE}, {@link #REACTION})
 * act on an earlier message, named by {@link Message#target()}, and a v1 client that ignores
 * unknown kinds keeps working.
 */
public enum MessageKind {
    /** Text a member wrote in a public or private room. */
    CHAT,
    /** Text in a direct room. */
    PRIVATE,
    /** A file shared in a room; the message carries its {@link FileInfo}. */
    FILE_SHARED,
    /** A user joined (or was added to) the room. */
    USER_JOINED,
    /** A user left the room. */
    USER_LEFT,
    /** An announcement or another server note. */
    SYSTEM,
    /** The author replaced the target's text with this entry's text. */
    EDIT,
    /** The target was deleted, by its author or a moderator. */
    DELETE,
    /** {@code from} added or removed a reaction on the target; see {@link Message#reaction()}. */
    REACTION,
    /** A moderation act (kick, ban, unban, mute, unmute, role); see {@link Message#act()}. */
    MODERATION,
    /** The room's name, topic or read-only flag changed; see {@link Message#act()}. */
    ROOM_UPDATED;

    /**
     * Whether this kind is something a user wrote (CHAT, PRIVATE, FILE_SHARED): what can be
     * replied to, reacted to, deleted, and carries a current state.
     */
    public boolean isContent() {
        return this == CHAT || this == PRIVATE || this == FILE_SHARED;
    }

    /** Whether this kind acts on an earlier message (EDIT, DELETE, REACTION), named by its target. */
    public boolean isLifecycle() {
        return this == EDIT || this == DELETE || this == REACTION;
    }

    /** Whether this kind records an act on the room itself (MODERATION, ROOM_UPDATED), carried by {@link Message#act()}. */
    public boolean isRoomAct() {
        return this == MODERATION || this == ROOM_UPDATED;
    }
}
