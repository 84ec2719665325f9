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

    /** {@code {"type":"send","room","text","clientMsgId"}} */
    record Send(String room, String text, Optional<String> clientMsgId) implements ClientFrame {
        public Send {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(clientMsgId, "clientMsgId");
        }
    }

    /** {@code {"type":"dm","to","text","clientMsgId"}} */
    record Dm(String to, String text, Optional<String> clientMsgId) implements ClientFrame {
        public Dm {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
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
