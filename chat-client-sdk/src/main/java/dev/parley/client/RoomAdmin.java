package dev.parley.client;

import dev.parley.protocol.Ban;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Member;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Moderation and room administration over REST, from {@link ChatClient#admin()}. Who may do what
 * is the server's rule: owner &gt; admin &gt; moderator &gt; member, a role acting only on lower
 * ones. Each act is posted by the server as a MODERATION or ROOM_UPDATED entry of the room's log,
 * which subscribers receive through {@link ChatListener#onModeration} and
 * {@link ChatListener#onRoomUpdated}. Every method blocks for one request and throws
 * {@link ChatClientException} with the server's code (FORBIDDEN, NOT_FOUND, BAD_REQUEST...).
 * Thread-safe.
 */
public interface RoomAdmin {

    /** Sets the present fields of the room (owner, admin); returns the room as it is now. */
    Room update(String room, Optional<String> name, Optional<String> topic, Optional<Boolean> readOnly);

    /** Gives a member a role; returns the member as listed now. */
    Member setRole(String room, String username, Role role);

    /** Removes a member; they may join a public room again. */
    void kick(String room, String username);

    /** Bans a user until {@code until} (empty: until lifted), with an optional reason. */
    void ban(String room, String username, Optional<Instant> until, Optional<String> reason);

    /** Lifts a ban; nothing happens when there is none. */
    void unban(String room, String username);

    /** The bans in force. */
    List<Ban> bans(String room);

    /** Mutes a member until {@code until} (empty: until lifted). */
    void mute(String room, String username, Optional<Instant> until);

    /** Lifts a mute; nothing happens when there is none. */
    void unmute(String room, String username);

    /** A page of the room's MODERATION and ROOM_UPDATED entries (its audit), ascending seq. */
    HistoryPage audit(String room, PageRequest page);
}
