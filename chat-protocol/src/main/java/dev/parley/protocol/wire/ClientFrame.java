package dev.parley.protocol.wire;

import dev.parley.protocol.ErrorCode;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A frame a client sends over {@code /ws}. The set is closed: the contract's client frames, plus
 * {@link Invalid} for a text that did not decode, so that decoding never throws.
 */
public sealed interface ClientFrame {

    /** {@code {"type":"subscribe","room","since"?}} */
    record Subscribe(String room, OptionalLong since) implements ClientFrame {
        public Subscribe {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(since, "since");
        }
    }

    /** {@code {"type":"unsubscribe","room"}} */
    record Unsubscribe(String room) implements ClientFrame {
        public Unsubscribe {
            Objects.requireNonNull(room, "room");
        }
    }

    /** {@code {"type":"send","room","text","clientMsgId","replyTo"?,"thread"?}} */
    record Send(String room, String text, Optional<String> clientMsgId, OptionalLong replyTo, OptionalLong thread)
            implements ClientFrame {
        public Send {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(clientMsgId, "clientMsgId");
            Objects.requireNonNull(replyTo, "replyTo");
            Objects.requireNonNull(thread, "thread");
        }

        /** A v1 send: no reply, no thread. */
        public Send(String room, String text, Optional<String> clientMsgId) {
            this(room, text, clientMsgId, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** {@code {"type":"dm","to","text","clientMsgId","replyTo"?,"thread"?}} */
    record Dm(String to, String text, Optional<String> clientMsgId, OptionalLong replyTo, OptionalLong thread)
            implements ClientFrame {
        public Dm {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(clientMsgId, "clientMsgId");
            Objects.requireNonNull(replyTo, "replyTo");
            Objects.requireNonNull(thread, "thread");
        }

        /** A v1 direct message: no reply, no thread. */
        public Dm(String to, String text, Optional<String> clientMsgId) {
            this(to, text, clientMsgId, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** {@code {"type":"edit","room","id","text","clientMsgId"}}: replace the text of one's own message. */
    record Edit(String room, long id, String text, Optional<String> clientMsgId) implements ClientFrame {
        public Edit {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(clientMsgId, "clientMsgId");
        }
    }

    /** {@code {"type":"delete","room","id","clientMsgId"}} */
    record Delete(String room, long id, Optional<String> clientMsgId) implements ClientFrame {
        public Delete {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(clientMsgId, "clientMsgId");
        }
    }

    /** {@code {"type":"react","room","id","emoji","active","clientMsgId"}}: add (true) or remove a reaction. */
    record React(String room, long id, String emoji, boolean active, Optional<String> clientMsgId)
            implements ClientFrame {
        public React {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(emoji, "emoji");
            Objects.requireNonNull(clientMsgId, "clientMsgId");
        }
    }

    /** {@code {"type":"typing","room","active"}} */
    record Typing(String room, boolean active) implements ClientFrame {
        public Typing {
            Objects.requireNonNull(room, "room");
        }
    }

    /** {@code {"type":"ping"}} */
    record Ping() implements ClientFrame {
    }

    /** {@code {"type":"read","room","seq"}}: the user has read the room up to {@code seq}. */
    record Read(String room, long seq) implements ClientFrame {
        public Read {
            Objects.requireNonNull(room, "room");
        }
    }

    /**
     * A text that is not a valid client frame: malformed JSON, an unknown type, a missing or
     * ill-typed field, or a frame over the size limit.
     *
     * @param code    BAD_REQUEST, or TOO_LARGE for an oversized frame
     * @param message what is wrong, fit to show the client
     * @param ref     the frame's {@code clientMsgId} or {@code room}, when it could be read
     */
    record Invalid(ErrorCode code, String message, Optional<String> ref) implements ClientFrame {
        public Invalid {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(ref, "ref");
        }
    }
}
