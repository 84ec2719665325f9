package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.core.spi.NewMessage;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored message. The unique key {@code (room_id, seq)} is both the last guard against a
 * repeated seq and the index that keyset paging walks; {@code (room_id, sender, client_msg_id)}
 * is the idempotency record, kept through {@code idem_key}, which is never NULL (databases such as
 * Derby count NULLs in a unique index as equal): the client's id when it gave one, else the
 * message's own id. The file columns are set only on FILE_SHARED messages.
 */
@Entity(name = "ParleyMessage")
@Table(name = "parley_messages", indexes = {
        @Index(name = "parley_messages_room_seq", columnList = "room_id, seq", unique = true),
        @Index(name = "parley_messages_idem", columnList = "room_id, sender, idem_key", unique = true)})
class MessageEntity {

    /** Given by the engine's id generator, never by the database. */
    @Id
    @Column(name = "id")
    long id;

    @Column(name = "room_id", length = 255, nullable = false)
    String room;

    @Column(name = "seq", nullable = false)
    long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false)
    MessageKind kind;

    @Column(name = "sender", length = 255, nullable = false)
    String sender;

    /** A LOB because the engine's text limit is configurable and has no upper bound. */
    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "body", nullable = false)
    String body;

    @Convert(converter = InstantConverter.class)
    @Column(name = "created_at_ms", nullable = false)
    Instant createdAt;

    @Column(name = "client_msg_id", length = 255)
    String clientMsgId;

    /** {@link #idempotencyKey} of the client's id, or {@code "m:" + id} for a message sent without one. */
    @Column(name = "idem_key", length = 300, nullable = false)
    String idemKey;

    @Column(name = "file_id", length = 255, unique = true)
    String fileId;

    @Column(name = "file_name", length = 1024)
    String fileName;

    @Column(name = "file_size")
    Long fileSize;

    @Column(name = "file_content_type", length = 255)
    String fileContentType;

    protected MessageEntity() {
    }

    MessageEntity(NewMessage message, long id, long seq) {
        this.id = id;
        this.room = message.room();
        this.seq = seq;
        this.kind = message.kind();
        this.sender = message.from();
        this.body = message.text();
        this.createdAt = message.createdAt();
        this.clientMsgId = message.clientMsgId().orElse(null);
        this.idemKey = message.clientMsgId().map(MessageEntity::idempotencyKey).orElse("m:" + id);
        message.file().ifPresent(f -> {
            this.fileId = f.id();
            this.fileName = f.name();
            this.fileSize = f.size();
            this.fileContentType = f.contentType();
        });
    }

    /** The idempotency key of a client-given message id. */
    static String idempotencyKey(String clientMsgId) {
        return "c:" + clientMsgId;
    }

    Message toMessage() {
        Optional<FileInfo> file = fileId == null
                ? Optional.empty()
                : Optional.of(new FileInfo(fileId, fileName, fileSize, fileContentType));
        return new Message(id, room, seq, kind, sender, body, createdAt, Optional.ofNullable(clientMsgId), file);
    }
}
