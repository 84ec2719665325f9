package dev.parley.core.spi;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.MessageKind;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the engine has accepted and asks a {@link MessageStore} to append; the store gives
 * it its {@code id} and {@code seq}.
 *
 * @param room        the room id
 * @param kind        the kind
 * @param from        the author's username
 * @param text        the text
 * @param createdAt   when it was accepted
 * @param clientMsgId the sender's idempotency key, if any
 * @param file        the shared file, on FILE_SHARED
 */
public record NewMessage(String room, MessageKind kind, String from, String text, Instant createdAt,
                         Optional<String> clientMsgId, Optional<FileInfo> file) {
    public NewMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(file, "file");
    }
}
