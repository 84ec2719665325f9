package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message.
 *
 * @param id          unique across the server, increasing with time
 * @param room        the room id
 * @param seq         1, 2, 3, ... per room, gap-free, in the order the server accepted the messages
 * @param kind        what kind of message
 * @param from        username of the author (for joins and leaves, the user concerned)
 * @param text        the text
 * @param createdAt   when the server accepted it
 * @param clientMsgId the sender's idempotency key, if it gave one
 * @param file        the shared file, on {@link MessageKind#FILE_SHARED}
 */
public record Message(long id, String room, long seq, MessageKind kind, String from, String text,
                      Instant createdAt, Optional<String> clientMsgId, Optional<FileInfo> file) {
    public Message {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(file, "file");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, got " + seq);
        }
    }
}
