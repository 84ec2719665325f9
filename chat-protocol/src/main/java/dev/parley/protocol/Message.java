package dev.parley.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An entry of a room's log: a message, or (v2) an entry acting on one.
 *
 * @param id          unique across the server, increasing with time
 * @param room        the room id
 * @param seq         1, 2, 3, ... per room, gap-free, in the order the server accepted the entries
 * @param kind        what kind of entry
 * @param from        username of the author (for joins and leaves, the user concerned)
 * @param text        the text (for an EDIT, the new text; {@code ""} for DELETE and REACTION)
 * @param createdAt   when the server accepted it
 * @param clientMsgId the sender's idempotency key, if it gave one
 * @param file        the shared file, on {@link MessageKind#FILE_SHARED} (absent once deleted)
 * @param replyTo     the id of the message of the same room this one answers (quoted)
 * @param thread      the id of the thread's root, when this message is a reply in a thread
 * @param target      on EDIT, DELETE and REACTION: the id of the message acted on
 * @param reaction    on REACTION: the emoji and whether it was added or removed
 * @param state       the current state (on CHAT, PRIVATE and FILE_SHARED as read over HTTP;
 *                    {@link MessageState#ORIGINAL} otherwise)
 * @param mentions    the members of the room its text mentions with {@code @username}, as registered, in
 *                    order of first mention; on a CHAT or PRIVATE message as its text is now (after edits),
 *                    on an EDIT entry those of the new text; empty when none
 * @param act         on MODERATION and ROOM_UPDATED: the act the entry records
 */
public record Message(long id, String room, long seq, MessageKind kind, String from, String text,
                      Instant createdAt, Optional<String> clientMsgId, Optional<FileInfo> file,
                      OptionalLong replyTo, OptionalLong thread, OptionalLong target,
                      Optional<ReactionChange> reaction, MessageState state, List<String> mentions,
                      Optional<RoomAct> act) {
    public Message {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reaction, "reaction");
        Objects.requireNonNull(state, "state");
        mentions = List.copyOf(mentions);
        Objects.requireNonNull(act, "act");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, got " + seq);
        }
        if (kind.isLifecycle() != target.isPresent()) {
            throw new IllegalArgumentException(kind + (kind.isLifecycle() ? " needs a target" : " takes no target"));
        }
        if ((kind == MessageKind.REACTION) != reaction.isPresent()) {
            throw new IllegalArgumentException(kind + (kind == MessageKind.REACTION ? " needs" : " takes no") + " reaction");
        }
        if (kind.isRoomAct() ? act.isEmpty() || act.get().kind() != kind : act.isPresent()) {
            throw new IllegalArgumentException(kind + (kind.isRoomAct() ? " needs its act" : " takes no act"));
        }
    }

    /** An entry without a room act (every kind but MODERATION and ROOM_UPDATED). */
    public Message(long id, String room, long seq, MessageKind kind, String from, String text,
                   Instant createdAt, Optional<String> clientMsgId, Optional<FileInfo> file,
                   OptionalLong replyTo, OptionalLong thread, OptionalLong target,
                   Optional<ReactionChange> reaction, MessageState state, List<String> mentions) {
        this(id, room, seq, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target, reaction, state,
                mentions, Optional.empty());
    }

    /** An entry that mentions nobody: a MODERATION or ROOM_UPDATED entry with its act, or any other with none. */
    public Message(long id, String room, long seq, MessageKind kind, String from, String text,
                   Instant createdAt, Optional<String> clientMsgId, Optional<FileInfo> file,
                   OptionalLong replyTo, OptionalLong thread, OptionalLong target,
                   Optional<ReactionChange> reaction, MessageState state, Optional<RoomAct> act) {
        this(id, room, seq, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target, reaction, state,
                List.of(), act);
    }

    /** An entry that mentions nobody and records no room act. */
    public Message(long id, String room, long seq, MessageKind kind, String from, String text,
                   Instant createdAt, Optional<String> clientMsgId, Optional<FileInfo> file,
                   OptionalLong replyTo, OptionalLong thread, OptionalLong target,
                   Optional<ReactionChange> reaction, MessageState state) {
        this(id, room, seq, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target, reaction, state,
                List.of(), Optional.empty());
    }

    /** A v1 message: no reply, no thread, no target, as first posted. */
    public Message(long id, String room, long seq, MessageKind kind, String from, String text,
                   Instant createdAt, Optional<String> clientMsgId, Optional<FileInfo> file) {
        this(id, room, seq, kind, from, text, createdAt, clientMsgId, file, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), MessageState.ORIGINAL);
    }

    /** This message with another current state. */
    public Message withState(MessageState value) {
        return new Message(id, room, seq, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target,
                reaction, value, mentions, act);
    }

    /** This message mentioning these usernames instead. */
    public Message withMentions(List<String> value) {
        return new Message(id, room, seq, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target,
                reaction, state, value, act);
    }
}
