package dev.parley.client;

/**
 * Where a {@link ChatClient}'s live connection stands. Each change reaches
 * {@link ChatListener#onStateChange} with a reason.
 *
 * <p>The normal life is {@code CONNECTING -> CONNECTED}, then any number of
 * {@code RECONNECTING -> CONNECTED} rounds after dropped connections, and finally {@code CLOSED}.
 * {@code CLOSED} is final: a closed client never connects again.
 */
public enum ConnectionState {
    /** {@link ChatClient#connect()} was called and the first connection is being opened. */
    CONNECTING,
    /** The server welcomed the connection; sends go out at once. */
    CONNECTED,
    /** The connection dropped; the client waits its backoff and opens a new one. Sends are queued meanwhile. */
    RECONNECTING,
    /** For good: closed by the application, logged out, the token refused, or reconnecting given up. */
    CLOSED
}
