package dev.parley.protocol;

/** The kinds of message a room holds. The set is closed: the contract names exactly these. */
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
    SYSTEM
}
