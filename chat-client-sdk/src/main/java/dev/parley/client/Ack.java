package dev.parley.client;

import java.util.Objects;

/**
 * The server's acknowledgement of a send: the message is stored.
 *
 * @param clientMsgId the idempotency key the client generated for the send
 * @param id          the stored message's server-wide id
 * @param seq         its position in the room
 * @param room        the room it was stored in ({@code dm.<a>.<b>} for a direct message)
 */
public record Ack(String clientMsgId, long id, long seq, String room) {
    public Ack {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(room, "room");
    }
}
