package dev.parley.core.spi;

import dev.parley.protocol.Message;

import java.util.Objects;

/**
 * What {@link MessageStore#append} did.
 *
 * @param message the stored message: the new one, or the one stored earlier under the same
 *                {@code (room, from, clientMsgId)}
 * @param created true when this call stored it, false when it was a repeat
 */
public record AppendResult(Message message, boolean created) {
    public AppendResult {
        Objects.requireNonNull(message, "message");
    }
}
