package dev.parley.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message about to be sent: its text, the sender's idempotency key, and what it answers.
 * Build one with {@link #of(String)} and the {@code with} methods; immutable.
 *
 * @param text        the text
 * @param clientMsgId the sender's idempotency key: the same key in the same room returns the first
 *                    message instead of storing a second
 * @param replyTo     the id of a message of the same room that this one answers (shown as a quote)
 * @param thread      the id of the root of the thread this message is a reply in
 */
public record Draft(String text, Optional<String> clientMsgId, OptionalLong replyTo, OptionalLong thread) {
    public Draft {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(thread, "thread");
    }

    /** A plain message with this text. */
    public static Draft of(String text) {
        return new Draft(text, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** This draft with an idempotency key. */
    public Draft withClientMsgId(String value) {
        return new Draft(text, Optional.of(value), replyTo, thread);
    }

    /** This draft with an idempotency key, if one is given. */
    public Draft withClientMsgId(Optional<String> value) {
        return new Draft(text, value, replyTo, thread);
    }

    /** This draft as an answer to (a quote of) the message with this id. */
    public Draft replyingTo(long messageId) {
        return new Draft(text, clientMsgId, OptionalLong.of(messageId), thread);
    }

    /** This draft as a reply in the thread of the message with this id. */
    public Draft inThread(long rootId) {
        return new Draft(text, clientMsgId, replyTo, OptionalLong.of(rootId));
    }
}
