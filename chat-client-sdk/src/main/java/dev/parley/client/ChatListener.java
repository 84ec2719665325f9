package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;

import java.util.Optional;

/**
 * Receives what arrives on a {@link ChatClient}'s live connection. Every method has a no-op
 * default, so implement only what you need.
 *
 * <p><b>Threading.</b> Callbacks run on the executor given to
 * {@link ChatClient.Builder#callbackExecutor}, or on one thread the client owns when none was given;
 * either way <em>one at a time, in the order the events happened</em>, never concurrently. A callback
 * that blocks therefore delays every later callback (and, if it blocks long enough, the server may
 * drop a connection whose messages pile up; the client then reconnects and loses nothing). Hand slow
 * work to another thread. Calling the client from a callback is allowed.
 *
 * <p><b>Delivery.</b> Messages of each room arrive once and in {@code seq} order, across reconnects:
 * the client drops repeats and fills gaps from the room's history before going on. A callback that
 * throws is logged and does not stop later callbacks.
 */
public interface ChatListener {

    /**
     * A message in a room the client subscribed to, or a direct message to or from the user
     * (kind {@code PRIVATE}, room {@code dm.<a>.<b>}). Includes the user's own messages, as the server
     * echoes them, and {@code USER_JOINED}, {@code USER_LEFT} and {@code FILE_SHARED} messages.
     * {@code SYSTEM} messages go to {@link #onAnnouncement} instead.
     */
    default void onMessage(Message message) {
    }

    /** A {@code SYSTEM} message: an announcement by an admin, or another server note. */
    default void onAnnouncement(Message message) {
    }

    /** Another subscriber of {@code room} started ({@code active}) or stopped typing. */
    default void onTyping(String room, String user, boolean active) {
    }

    /** A user who shares a room with this one came online or went offline. */
    default void onPresence(String user, boolean online) {
    }

    /**
     * An {@code error} frame that no pending future took: errors that refer to a send or a subscribe
     * fail that call's future instead.
     *
     * @param ref the {@code clientMsgId} or room the server said the error refers to, if any
     */
    default void onError(ErrorCode code, String message, Optional<String> ref) {
    }

    /**
     * The connection changed state.
     *
     * @param reason why, fit to show a user: {@code "connected"}, {@code "connection lost: ..."},
     *               {@code "token refused: ..."}, {@code "closed by the application"}, ...
     */
    default void onStateChange(ConnectionState state, String reason) {
    }
}
