package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.Room;
import dev.parley.protocol.wire.ServerFrame;

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
 * the client drops repeats and fills gaps from the room's history before going on. Each entry of a
 * room's log reaches one of {@link #onMessage}, {@link #onAnnouncement}, {@link #onEdited},
 * {@link #onDeleted} and {@link #onReaction} (and {@link #onThreadUpdated} besides, when it changes
 * a thread), so an application that records the last {@code seq} it saw, to
 * {@link ChatClient#subscribe(String, long) subscribe since} it later, sees them all; the one
 * exception is a lifecycle entry whose target cannot be read, below. A callback that throws is
 * logged and does not stop later callbacks.
 *
 * <p><b>The message in its new state.</b> To hand the lifecycle callbacks the message an entry
 * changed, the client keeps the state of the messages it saw recently in each room (delivered here,
 * or read with {@link ChatClient#history}, {@link ChatClient#thread} or {@link ChatClient#message};
 * {@link ChatClient.Builder#recentMessagesPerRoom} of them per room), applies each entry to it, and
 * reads with {@link ChatClient#message} a target (or a thread reply's root) it does not know, one
 * request per such message. While that read is under way the
 * room's later callbacks wait, so that they keep their order (other rooms go on). An entry whose
 * target cannot be read (removed by retention, or the server failing three times) reaches no
 * callback. A state read over HTTP is taken as current up to the newest entry the client had
 * received from the room when the answer came, so an entry the server stores in the instant between
 * its read and that answer may be missing from that message's state until it is read again.
 */
public interface ChatListener {

    /**
     * A message in a room the client subscribed to, or a direct message to or from the user
     * (kind {@code PRIVATE}, room {@code dm.<a>.<b>}). Includes the user's own messages, as the server
     * echoes them, and {@code USER_JOINED}, {@code USER_LEFT} and {@code FILE_SHARED} messages, and
     * replies (with {@link Message#replyTo()} or {@link Message#thread()}). {@code SYSTEM} messages go
     * to {@link #onAnnouncement} instead, and the lifecycle entries ({@code EDIT}, {@code DELETE},
     * {@code REACTION}) only to {@link #onEdited}, {@link #onDeleted} and {@link #onReaction}: this
     * method sees what is new to show, never a change to something shown already.
     *
     * <p>A message delivered here from a replay may already show its current text or deletion; its
     * later changes still arrive, in order, through the lifecycle callbacks.
     */
    default void onMessage(Message message) {
    }

    /**
     * An {@code EDIT} entry: the author replaced a message's text.
     *
     * @param current the edited message as it stands now: the new text, {@code state().editedAt()}
     *                set, its reactions and replies as the client knows them
     * @param entry   the {@code EDIT} entry ({@code target} is the message's id, {@code text} the new
     *                text, {@code seq} its place in the room's log)
     */
    default void onEdited(Message current, Message entry) {
    }

    /**
     * A {@code DELETE} entry: a message was deleted by its author or a moderator.
     *
     * @param current the message as it stands now: {@code state().deleted()} true, text {@code ""},
     *                no file, no reactions
     * @param entry   the {@code DELETE} entry ({@code from} is who deleted it)
     */
    default void onDeleted(Message current, Message entry) {
    }

    /**
     * A {@code REACTION} entry: {@code entry.from()} added ({@code entry.reaction().active()}) or
     * took back a reaction.
     *
     * @param current the message as it stands now, with {@code state().reactions()} counted and
     *                {@code me} true on the emoji the client's own user holds
     * @param entry   the {@code REACTION} entry
     */
    default void onReaction(Message current, Message entry) {
    }

    /**
     * A thread's root changed: a reply was posted in its thread ({@code cause} is the reply, which
     * also reached {@link #onMessage} just before) or a reply was deleted ({@code cause} is the
     * {@code DELETE} entry, which also reached {@link #onDeleted} just before).
     *
     * @param root  the root as it stands now: {@code state().replies()} and {@code state().lastReplyAt()}
     * @param cause the reply or the deletion
     */
    default void onThreadUpdated(Message root, Message cause) {
    }

    /** A {@code SYSTEM} message: an announcement by an admin, or another server note. */
    /**
     * A {@code MODERATION} entry of a subscribed room: {@code entry.act()} says who did what to whom
     * (kick, ban, unban, mute, unmute, a new role). Entries of this kind reach only this callback.
     */
    default void onModeration(Message entry) {
    }

    /**
     * A {@code ROOM_UPDATED} entry of a subscribed room: {@code entry.act()} holds the fields that
     * changed (name, topic, read-only). The room as it is now comes with {@link #onRoomChanged}
     * ({@code updated}). Entries of this kind reach only this callback.
     */
    default void onRoomUpdated(Message entry) {
    }

    /**
     * A subscription ended without this client asking: the user left the room on another connection,
     * or was kicked or banned ({@code reason} {@code "kicked"} or {@code "banned"}; empty for a
     * leave). The client does not subscribe to the room again at its next reconnect.
     */
    default void onUnsubscribed(String room, Optional<String> reason) {
    }

    default void onAnnouncement(Message message) {
    }

    /** Another subscriber of {@code room} started ({@code active}) or stopped typing. */
    default void onTyping(String room, String user, boolean active) {
    }

    /** A user who shares a room with this one came online or went offline. */
    default void onPresence(String user, boolean online) {
    }

    /**
     * A read marker moved forward to {@code seq}: the user's own, set on another of their connections
     * or devices, or that of another member of a room this client is subscribed to.
     */
    default void onRead(String room, String user, long seq) {
    }

    /**
     * A message mentioning the user ({@code message.mentions()}) in a room this connection is not
     * subscribed to; a subscribed room's mentions arrive through {@link #onMessage} as usual.
     */
    default void onMention(Message message) {
    }

    /**
     * The room list changed: a public room was {@code CREATED}, the user was {@code ADDED} to a room
     * (joined, invited, a first direct message) or {@code REMOVED} from one (left), on this or another
     * of the user's connections, or a room the user can see was {@code UPDATED}. Sent only while
     * connected: after a reconnect, read {@link ChatClient#rooms()} again for what happened meanwhile.
     */
    default void onRoomChanged(ServerFrame.RoomEvent event, Room room) {
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
