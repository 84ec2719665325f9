package dev.parley.client.internal;

import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test messages: ids derived from room and seq, so that equal arguments give equal records. */
final class Messages {
    private Messages() {
    }

    static Message msg(String room, long seq) {
        return msg(room, seq, room.startsWith("dm.") ? MessageKind.PRIVATE : MessageKind.CHAT);
    }

    static Message msg(String room, long seq, MessageKind kind) {
        return new Message(1000L * Math.abs(room.hashCode() % 1000) + seq, room, seq, kind, "alice", "m" + seq,
                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(seq), Optional.empty(), Optional.empty());
    }

    static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }
}
