package dev.parley.core.spi;

import dev.parley.protocol.Message;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MessageStore#append} did.
 *
 * @param entry   the stored entry: the new one, or the one stored earlier under the same
 *                {@code (room, from, clientMsgId)}; empty when the entry changed nothing and so was
 *                not stored (see {@link LogRules})
 * @param created true when this call stored it
 */
public record AppendResult(Optional<Message> entry, boolean created) {
    public AppendResult {
        Objects.requireNonNull(entry, "entry");
        if (created && entry.isEmpty()) {
            throw new IllegalArgumentException("a created result carries its entry");
        }
    }

    /** A stored entry: new ({@code created}) or a repeat. */
    public AppendResult(Message message, boolean created) {
        this(Optional.of(message), created);
    }

    /** The entry changed nothing and nothing was stored. */
    public static AppendResult nothing() {
        return new AppendResult(Optional.empty(), false);
    }

    /** The stored entry; for callers that appended a kind that is never a no-op (not EDIT, DELETE, REACTION). */
    public Message message() {
        return entry.orElseThrow(() -> new IllegalStateException("nothing was stored"));
    }
}
