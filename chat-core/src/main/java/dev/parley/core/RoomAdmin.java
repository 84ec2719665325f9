package dev.parley.core;

import dev.parley.protocol.Ban;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.User;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moderation and room administration, from {@link Chat#admin()}. Roles rank owner &gt; admin &gt;
 * moderator &gt; member, a server admin acting as owner in every room, and a role acts only on
 * members of a lower one. Each act is an entry of the room's log (MODERATION, ROOM_UPDATED),
 * stored, delivered, replayed and carried to the other nodes like a message; each method returns
 * that entry, or empty when the act changed nothing (a role the member already has, lifting a ban
 * that is not there) and so posted nothing.
 *
 * <p>Refusals, as {@link dev.parley.protocol.ChatException}: NOT_FOUND for an unknown room or user
 * (or a private room the caller cannot see), or a target who is not a member (kick, mute, role);
 * FORBIDDEN for a caller whose role does not allow the act, a target of the same or a higher role,
 * a banned user joining, or a direct room; BAD_REQUEST for bad input (a role that does not exist or
 * is {@code owner}, an {@code until} not in the future, a reason or topic too long). A refusal
 * changes nothing. Every method is thread-safe and blocks for the store writes.
 */
public interface RoomAdmin {

    /** Sets the room's name, topic or read-only flag (owner, admin) and posts ROOM_UPDATED with what changed. */
    Room update(User caller, String roomId, RoomPatch patch);

    /** Gives a member a role (owner: admin, moderator, member; admin: moderator, member); posts MODERATION {@code role}. */
    Optional<Message> setRole(User caller, String roomId, String username, Role role);

    /** Removes a member (moderator and above); posts MODERATION {@code kick}. They may join a public room again. */
    Optional<Message> kick(User caller, String roomId, String username);

    /**
     * Bans a user (member or not; moderator and above) until {@code until} or until lifted: removed
     * from the room, and refused when joining or added. Banning again replaces the earlier ban.
     * Posts MODERATION {@code ban}.
     */
    Optional<Message> ban(User caller, String roomId, String username, Optional<Instant> until, Optional<String> reason);

    /** Lifts a ban (moderator and above); posts MODERATION {@code unban}, or nothing when there was none. */
    Optional<Message> unban(User caller, String roomId, String username);

    /** The room's bans in force (moderator and above), ordered by username. */
    List<Ban> bans(User caller, String roomId);

    /**
     * Mutes a member (moderator and above) until {@code until} or until lifted: they still read,
     * but sending, uploading, editing and reacting are FORBIDDEN. Posts MODERATION {@code mute}.
     */
    Optional<Message> mute(User caller, String roomId, String username, Optional<Instant> until);

    /** Lifts a mute (moderator and above); posts MODERATION {@code unmute}, or nothing when there was none. */
    Optional<Message> unmute(User caller, String roomId, String username);

    /**
     * A page of the room's log holding only entries of the given kinds (the audit of a room: its
     * MODERATION and ROOM_UPDATED entries), ascending seq, cursors as for history: with neither, the
     * latest {@code limit} such entries. For members and server admins. The entries are found by
     * reading the log page by page, so a page costs as much as the stretch of log it spans.
     */
    HistoryPage entries(User caller, String roomId, Set<MessageKind> kinds, PageRequest request);
}
