package dev.parley.client.internal;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.ReactionChange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Test messages: ids derived from room and seq, so that equal arguments give equal records, and
 * each created {@code seq} seconds after a fixed instant.
 */
final class Messages {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Messages() {
    }

    static Message msg(String room, long seq) {
        return msg(room, seq, room.startsWith("dm.") ? MessageKind.PRIVATE : MessageKind.CHAT);
    }

    static Message msg(String room, long seq, MessageKind kind) {
        return new Message(id(room, seq), room, seq, kind, "alice", "m" + seq, T0.plusSeconds(seq), Optional.empty(),
                Optional.empty());
    }

    /** The id {@link #msg} gives the entry of {@code room} at {@code seq}. */
    static long id(String room, long seq) {
        return 1000L * Math.abs(room.hashCode() % 1000) + seq;
    }

    static Message chat(String room, long seq, String from, String text) {
        return new Message(id(room, seq), room, seq, MessageKind.CHAT, from, text, T0.plusSeconds(seq),
                Optional.empty(), Optional.empty());
    }

    static Message file(String room, long seq, String from) {
        return new Message(id(room, seq), room, seq, MessageKind.FILE_SHARED, from, "notes.txt", T0.plusSeconds(seq),
                Optional.empty(), Optional.of(new FileInfo("f" + seq, "notes.txt", 9, "text/plain")));
    }

    /** A reply in the thread of {@code root}. */
    static Message inThread(Message root, long seq, String from, String text) {
        return new Message(id(root.room(), seq), root.room(), seq, MessageKind.CHAT, from, text, T0.plusSeconds(seq),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.of(root.id()),
                OptionalLong.empty(), Optional.empty(), MessageState.ORIGINAL);
    }

    static Message edit(Message target, long seq, String text) {
        return entry(target, seq, MessageKind.EDIT, target.from(), text, Optional.empty());
    }

    static Message delete(Message target, long seq, String by) {
        return entry(target, seq, MessageKind.DELETE, by, "", Optional.empty());
    }

    static Message react(Message target, long seq, String from, String emoji, boolean active) {
        return entry(target, seq, MessageKind.REACTION, from, "", Optional.of(new ReactionChange(emoji, active)));
    }

    private static Message entry(Message target, long seq, MessageKind kind, String from, String text,
                                 Optional<ReactionChange> reaction) {
        return new Message(id(target.room(), seq), target.room(), seq, kind, from, text, T0.plusSeconds(seq),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(target.id()), reaction, MessageState.ORIGINAL);
    }

    static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }
}
