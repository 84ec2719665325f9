package dev.parley.protocol.wire;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.Room;
import dev.parley.protocol.User;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A frame the server sends over {@code /ws}. The set is closed: exactly the contract's server frames. */
public sealed interface ServerFrame {

    /** {@code {"type":"welcome","user":{...},"serverTime"}}, the first frame of every connection. */
    record Welcome(User user, Instant serverTime) implements ServerFrame {
        public Welcome {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(serverTime, "serverTime");
        }
    }

    /** {@code {"type":"subscribed","room","lastSeq","truncated"?}}; {@code truncated} is written only when true. */
    record Subscribed(String room, long lastSeq, boolean truncated) implements ServerFrame {
        public Subscribed {
            Objects.requireNonNull(room, "room");
        }
    }

    /**
     * {@code {"type":"unsubscribed","room","reason"?}}; {@code reason} ({@code "kicked"} or
     * {@code "banned"}) when a moderator ended the subscription.
     */
    record Unsubscribed(String room, java.util.Optional<String> reason) implements ServerFrame {
        public Unsubscribed {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(reason, "reason");
        }

        /** The answer to an unsubscribe, or the end of a subscription after a leave: no reason. */
        public Unsubscribed(String room) {
            this(room, java.util.Optional.empty());
        }
    }

    /** {@code {"type":"message","message":{...}}} */
    record MessageFrame(Message message) implements ServerFrame {
        public MessageFrame {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * {@code {"type":"ack","clientMsgId","id","seq","room"}}: the entry a frame posted (or the one it
     * repeats) is stored. {@code id} and {@code seq} are absent together when the frame was a no-op
     * that posted nothing (removing a reaction that is not there, deleting twice).
     */
    record Ack(Optional<String> clientMsgId, OptionalLong id, OptionalLong seq, String room) implements ServerFrame {
        public Ack {
            Objects.requireNonNull(clientMsgId, "clientMsgId");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(seq, "seq");
            Objects.requireNonNull(room, "room");
            if (id.isPresent() != seq.isPresent()) {
                throw new IllegalArgumentException("an ack carries both id and seq, or neither");
            }
        }

        /** The ack of a stored entry. */
        public Ack(Optional<String> clientMsgId, long id, long seq, String room) {
            this(clientMsgId, OptionalLong.of(id), OptionalLong.of(seq), room);
        }

        /** The ack of a frame that posted nothing. */
        public static Ack nothingPosted(Optional<String> clientMsgId, String room) {
            return new Ack(clientMsgId, OptionalLong.empty(), OptionalLong.empty(), room);
        }
    }

    /** {@code {"type":"typing","room","user","active"}} */
    record Typing(String room, String user, boolean active) implements ServerFrame {
        public Typing {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(user, "user");
        }
    }

    /** {@code {"type":"presence","user","status":"online"|"offline"}} */
    record Presence(String user, boolean online) implements ServerFrame {
        public Presence {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * {@code {"type":"room","event":"created"|"updated"|"added"|"removed","room":{...}}}: the live room
     * list. Every connection receives {@code created} for a new public room; a user's connections
     * receive {@code added} and {@code removed} when the user joins, is added to, leaves or is removed
     * from a room (direct rooms too), and {@code updated} when a room they can see changes.
     */
    record RoomChanged(RoomEvent event, Room room) implements ServerFrame {
        public RoomChanged {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(room, "room");
        }
    }

    /** What happened to a room, as a {@link RoomChanged} frame says it. */
    enum RoomEvent {
        CREATED, UPDATED, ADDED, REMOVED;

        /** The lower-case name used on the wire. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code {"type":"pong"}} */
    record Pong() implements ServerFrame {
    }

    /** {@code {"type":"error","code","message","ref"?}} */
    record Error(ErrorCode code, String message, Optional<String> ref) implements ServerFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(ref, "ref");
        }
    }

    /**
     * {@code {"type":"read","room","user","seq"}}: a user's read marker in a room moved forward, sent
     * to that user's other connections and to the room's other subscribers.
     */
    record Read(String room, String user, long seq) implements ServerFrame {
        public Read {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * {@code {"type":"mention","message":{...}}}: a message mentioning the user in a room this
     * connection is not subscribed to.
     */
    record Mention(Message message) implements ServerFrame {
        public Mention {
            Objects.requireNonNull(message, "message");
        }
    }
}
