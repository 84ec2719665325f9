package dev.parley.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The current state of a CHAT, PRIVATE or FILE_SHARED message, as the entries acting on it left it.
 * The stores keep it up to date as each entry is written; a message as it was first posted (and
 * every other kind) carries {@link #ORIGINAL}.
 *
 * @param editedAt    when its text was last edited
 * @param deleted     whether it was deleted (its text then reads {@code ""} and it carries no file)
 * @param reactions   its reactions, in order of first use, with {@code me} for the reader; empty
 *                    where the reader is unknown (a live frame, a replay)
 * @param replies     how many replies its thread holds, not counting deleted ones
 * @param lastReplyAt when the latest reply in its thread was posted
 */
public record MessageState(Optional<Instant> editedAt, boolean deleted, List<Reaction> reactions, long replies,
                           Optional<Instant> lastReplyAt) {
    /** No edit, no deletion, no reaction, no reply. */
    public static final MessageState ORIGINAL = new MessageState(Optional.empty(), false, List.of(), 0, Optional.empty());

    public MessageState {
        Objects.requireNonNull(editedAt, "editedAt");
        reactions = List.copyOf(reactions);
        Objects.requireNonNull(lastReplyAt, "lastReplyAt");
        if (replies < 0) {
            throw new IllegalArgumentException("replies must be >= 0, got " + replies);
        }
    }

    /** This state with these reactions. */
    public MessageState withReactions(List<Reaction> value) {
        return new MessageState(editedAt, deleted, value, replies, lastReplyAt);
    }
}
