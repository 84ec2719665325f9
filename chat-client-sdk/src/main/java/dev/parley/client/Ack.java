package dev.parley.client;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The server's acknowledgement of a live call: a send, an edit, a deletion or a reaction.
 *
 * <p>When the call posted an entry to the room's log (a message for a send; an {@code EDIT},
 * {@code DELETE} or {@code REACTION} entry for the others), {@link #id()} and {@link #seq()} name it,
 * and {@link #posted()} is true. A call that changed nothing posts nothing, and its ack carries
 * neither: an edit to the text the message already has, deleting a message deleted already, adding
 * a reaction the user already has or removing one they do not have. A send always posts (a repeated
 * {@code clientMsgId} is acknowledged with the message it first stored), so its ack always has both.
 *
 * @param clientMsgId the idempotency key of the call
 * @param id          the server-wide id of the entry posted; empty when nothing was posted
 * @param seq         the entry's position in its room; empty exactly when {@code id} is
 * @param room        the room of the call ({@code dm.<a>.<b>} for a direct message)
 */
public record Ack(String clientMsgId, OptionalLong id, OptionalLong seq, String room) {
    public Ack {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(room, "room");
        if (id.isPresent() != seq.isPresent()) {
            throw new IllegalArgumentException("an ack has both id and seq, or neither");
        }
    }

    /** The ack of a call that posted the entry {@code id} at {@code seq}. */
    public Ack(String clientMsgId, long id, long seq, String room) {
        this(clientMsgId, OptionalLong.of(id), OptionalLong.of(seq), room);
    }

    /** The ack of a call that changed nothing and posted nothing. */
    public static Ack nothingPosted(String clientMsgId, String room) {
        return new Ack(clientMsgId, OptionalLong.empty(), OptionalLong.empty(), room);
    }

    /** Whether the call posted an entry ({@link #id()} and {@link #seq()} are present). */
    public boolean posted() {
        return id.isPresent();
    }
}
