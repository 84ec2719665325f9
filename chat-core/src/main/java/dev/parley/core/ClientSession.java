package dev.parley.core;

import dev.parley.protocol.User;

/**
 * The engine's side of one live connection, returned by {@link Chat#connect}. The adapter hands
 * it every text frame the client sends and tells it when the connection ends; the engine does
 * the rest (decoding, rules, answers, fan-out) and writes back through the adapter's
 * {@link dev.parley.core.spi.Connection}.
 *
 * <p>Threading: {@link #receive} returns at once and never blocks on storage; frames of one
 * session are processed one after another, in the order received, on the engine's executor.
 */
public interface ClientSession {

    /** The authenticated user of this connection. */
    User user();

    /** Hands over one text frame from the client. Oversized or malformed frames are answered with an error frame. */
    void receive(String frame);

    /** The connection has closed (from either side); releases subscriptions and presence. Idempotent. */
    void closed();
}
