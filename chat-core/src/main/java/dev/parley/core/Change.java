package dev.parley.core;

import dev.parley.protocol.Message;

import java.util.Objects;
import java.util.Optional;

/**
 * What an edit, a deletion or a reaction did.
 *
 * @param entry  the log entry it posted (EDIT, DELETE or REACTION), or the one a repeated
 *               {@code clientMsgId} returned; empty when it changed nothing and posted nothing
 * @param target the message acted on, in its current state as the caller reads it (a deleted
 *               message still reads, as {@code deleted} with an empty text)
 */
public record Change(Optional<Message> entry, Message target) {
    public Change {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(target, "target");
    }
}
