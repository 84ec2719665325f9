package dev.parley.core.spi;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.ReactionChange;
import dev.parley.protocol.RoomAct;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An entry the engine has accepted and asks a {@link MessageStore} to append; the store gives
 * it its {@code id} and {@code seq}, and, for an entry acting on a message (EDIT, DELETE, REACTION)
 * or a reply in a thread, applies it to that message's current state in the same step.
 *
 * @param room        the room id
 * @param kind        the kind
 * @param from        the author's username
 * @param text        the text (an EDIT's new text; {@code ""} for DELETE and REACTION)
 * @param createdAt   when it was accepted
 * @param clientMsgId the sender's idempotency key, if any
 * @param file        the shared file, on FILE_SHARED
 * @param replyTo     the message of the same room this one answers
 * @param thread      the root of the thread this message is a reply in
 * @param target      on EDIT, DELETE and REACTION: the message acted on
 * @param reaction    on REACTION: the emoji and whether it is added or removed
 * @param mentions    on CHAT, PRIVATE and EDIT: the room's members the text mentions (parsed once, by the
 *                    engine); an EDIT's replace its target's
 * @param act         on MODERATION and ROOM_UPDATED: the act recorded
 */
public record NewMessage(String room, MessageKind kind, String from, String text, Instant createdAt,
                         Optional<String> clientMsgId, Optional<FileInfo> file, OptionalLong replyTo,
                         OptionalLong thread, OptionalLong target, Optional<ReactionChange> reaction,
                         List<String> mentions, Optional<RoomAct> act) {
    public NewMessage {
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
        mentions = List.copyOf(mentions);
        Objects.requireNonNull(act, "act");
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

    /** An entry that mentions nobody and records no room act. */
    public NewMessage(String room, MessageKind kind, String from, String text, Instant createdAt,
                      Optional<String> clientMsgId, Optional<FileInfo> file, OptionalLong replyTo,
                      OptionalLong thread, OptionalLong target, Optional<ReactionChange> reaction) {
        this(room, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target, reaction, List.of(),
                Optional.empty());
    }

    /** A MODERATION or ROOM_UPDATED entry, written by {@code act.by()}, with a line of text for clients that show only text. */
    public static NewMessage roomAct(String room, String text, Instant createdAt, RoomAct act) {
        return new NewMessage(room, act.kind(), act.by(), text, createdAt, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), List.of(),
                Optional.of(act));
    }

    /** This entry mentioning these members instead. */
    public NewMessage withMentions(List<String> value) {
        return new NewMessage(room, kind, from, text, createdAt, clientMsgId, file, replyTo, thread, target, reaction,
                value, act);
    }

    /** A v1 message: no reply, no thread, no target. */
    public NewMessage(String room, MessageKind kind, String from, String text, Instant createdAt,
                      Optional<String> clientMsgId, Optional<FileInfo> file) {
        this(room, kind, from, text, createdAt, clientMsgId, file, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty());
    }

    /** An entry acting on the message {@code target}: EDIT (with its new text), DELETE or REACTION. */
    public static NewMessage acting(String room, MessageKind kind, String from, String text, Instant createdAt,
                                    Optional<String> clientMsgId, long target, Optional<ReactionChange> reaction) {
        return new NewMessage(room, kind, from, text, createdAt, clientMsgId, Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.of(target), reaction);
    }
}
