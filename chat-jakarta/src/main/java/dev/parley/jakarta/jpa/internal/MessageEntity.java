package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.ReactionChange;
import dev.parley.core.spi.NewMessage;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stored entry of a room's log, with the current state of the message it is. The unique key
 * {@code (room_id, seq)} is both the last guard against a repeated seq and the index that keyset
 * paging walks; {@code (room_id, sender, client_msg_id)} is the idempotency record, kept through
 * {@code idem_key}, which is never NULL (databases such as Derby count NULLs in a unique index as
 * equal): the client's id when it gave one, else the message's own id. The file columns are set
 * only on FILE_SHARED messages, until they are deleted.
 *
 * <p>The v2 columns ({@code reply_to} to {@code last_reply_at_ms}) are nullable wrappers, because
 * V2 adds them to a v1 schema in place: a row written by v1 holds NULL in each, which reads as "none",
 * false or 0, and a new row leaves them NULL too until an entry changes them. The index
 * {@code (room_id, thread_id, seq)} is the keyset of a thread's pages, and {@code target_id} finds
 * the EDIT entries of a deleted message. The table, its columns and indexes are the schema
 * migrations' ({@code META-INF/parley/db/}); the annotations here must match them (SchemaMigrationsTest).
 *
 * <p>The current state changes only through this class's methods, never by assigning its fields
 * from outside: see {@link RoomSeqEntity#next} for why.
 */
@Entity(name = "ParleyMessage")
@Table(name = "parley_messages", indexes = {
        @Index(name = "parley_messages_room_seq", columnList = "room_id, seq", unique = true),
        @Index(name = "parley_messages_idem", columnList = "room_id, sender, idem_key", unique = true),
        @Index(name = "parley_messages_thread", columnList = "room_id, thread_id, seq"),
        @Index(name = "parley_messages_target", columnList = "target_id")})
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

    /**
     * Unbounded, because the engine's text limit is configurable: the migrations make it {@code text} on
     * PostgreSQL, {@code CLOB} on Derby and an unsized {@code VARCHAR} on H2. Mapped as a plain string,
     * not a {@code @Lob}, so that every provider binds and reads it as one (Hibernate would take a
     * {@code @Lob} string on PostgreSQL for a large-object {@code oid}, not a {@code text}).
     */
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

    @Column(name = "reply_to")
    Long replyTo;

    @Column(name = "thread_id")
    Long threadId;

    /** On EDIT, DELETE and REACTION: the message acted on. */
    @Column(name = "target_id")
    Long targetId;

    /** On REACTION: the emoji ({@code InputRules.MAX_EMOJI} code points, so at most 64 UTF-16 units). */
    @Column(name = "emoji", length = 64)
    String emoji;

    /** On REACTION: whether it was added. */
    @Column(name = "reaction_active")
    Boolean reactionActive;

    @Convert(converter = InstantConverter.class)
    @Column(name = "edited_at_ms")
    Instant editedAt;

    @Column(name = "deleted")
    Boolean deleted;

    /** The thread's replies that are not deleted, on a thread root. */
    @Column(name = "replies")
    Long replies;

    @Convert(converter = InstantConverter.class)
    @Column(name = "last_reply_at_ms")
    Instant lastReplyAt;

    /**
     * The members the text mentions now, as registered, separated by spaces (a username holds none);
     * NULL for none. Counting uses {@link MentionEntity}'s rows, never this column.
     */
    @Column(name = "mentions", length = 2000)
    String mentions;

    /**
     * On MODERATION and ROOM_UPDATED: the act, as the JSON of its wire fields. Moderation reasons and
     * topics are at most 500 characters each, so the act fits.
     */
    @Column(name = "act_json", length = 4000)
    String act;

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
        this.replyTo = boxed(message.replyTo());
        this.threadId = boxed(message.thread());
        this.targetId = boxed(message.target());
        message.reaction().ifPresent(r -> {
            this.emoji = r.emoji();
            this.reactionActive = r.active();
        });
        this.mentions = joined(message.mentions());
        this.act = message.act().map(RoomActColumn::write).orElse(null);
    }

    private static String joined(List<String> names) {
        return names.isEmpty() ? null : String.join(" ", names);
    }

    /** The mentions as a list, empty for none. */
    List<String> mentionList() {
        return mentions == null || mentions.isBlank() ? List.of() : List.of(mentions.split(" "));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong unboxed(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    private long replyCount() {
        return replies == null ? 0 : replies;
    }

    /** An EDIT of this message: its text and mentions become the entry's, edited at the entry's time. */
    void edit(String text, Instant at, List<String> mentioned) {
        body = text;
        editedAt = at;
        mentions = joined(mentioned);
    }

    /** A DELETE of this message: no text, no file; the caller drops its reactions and blanks its EDITs. */
    void delete() {
        body = "";
        mentions = null;
        deleted = Boolean.TRUE;
        fileId = null;
        fileName = null;
        fileSize = null;
        fileContentType = null;
    }

    /** This EDIT entry's target was deleted, so the text it carried reads {@code ""} as well. */
    void blank() {
        body = "";
    }

    /** A reply was posted in this message's thread. */
    void replyAdded(Instant at) {
        replies = replyCount() + 1;
        lastReplyAt = at;
    }

    /** A reply in this message's thread was deleted. */
    void replyRemoved() {
        replies = Math.max(0, replyCount() - 1);
    }

    /** The idempotency key of a client-given message id. */
    static String idempotencyKey(String clientMsgId) {
        return "c:" + clientMsgId;
    }

    /** The entry with the state kept here; no reactions, which {@link ReactionRows} reads for a reader. */
    Message toMessage() {
        Optional<FileInfo> file = fileId == null
                ? Optional.empty()
                : Optional.of(new FileInfo(fileId, fileName, fileSize, fileContentType));
        Optional<ReactionChange> reaction = kind == MessageKind.REACTION
                ? Optional.of(new ReactionChange(emoji, Boolean.TRUE.equals(reactionActive)))
                : Optional.empty();
        MessageState state = editedAt == null && !isDeleted() && replyCount() == 0 && lastReplyAt == null
                ? MessageState.ORIGINAL
                : new MessageState(Optional.ofNullable(editedAt), isDeleted(), List.of(), replyCount(),
                Optional.ofNullable(lastReplyAt));
        return new Message(id, room, seq, kind, sender, body, createdAt, Optional.ofNullable(clientMsgId), file,
                unboxed(replyTo), unboxed(threadId), unboxed(targetId), reaction, state, mentionList(),
                RoomActColumn.read(kind, act));
    }
}
