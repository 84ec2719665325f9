package dev.parley.core.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.User;

/**
 * The moderation checks on writing, read from {@link Permissions}: a muted member may not send,
 * upload, edit or react; in a read-only room only moderators and above post or upload (everyone
 * may still react); deleting others' messages takes a moderator. Called by {@link Messaging} and
 * {@link Lifecycle} after their membership check. Thread-safe.
 */
final class WriteGuard {
    private final RoomRules roomRules;
    private final Sanctions sanctions;

    WriteGuard(RoomRules roomRules, Sanctions sanctions) {
        this.roomRules = roomRules;
        this.sanctions = sanctions;
    }

    /** Throws FORBIDDEN unless the caller may do {@code act} (POST, UPLOAD, EDIT or REACT) in the room now. */
    void check(User caller, Room room, Permissions.Act act) {
        sanctions.mute(room.id(), caller.username()).ifPresent(m -> {
            throw ChatException.forbidden("you are muted in room " + room.id() + m.until().map(t -> " until " + t).orElse(""));
        });
        if (room.readOnly() && (act == Permissions.Act.POST || act == Permissions.Act.UPLOAD)) {
            Role role = roomRules.actingRole(room.id(), caller).orElse(Role.MEMBER);
            if (!Permissions.allows(Permissions.Act.POST_READ_ONLY, role, role, true)) {
                throw ChatException.forbidden("room " + room.id() + " is read-only: only moderators and above post");
            }
        }
    }

    /** Whether the caller may delete others' messages in the room. */
    boolean mayDeleteOthers(User caller, String roomId) {
        return roomRules.actingRole(roomId, caller)
                .filter(r -> Permissions.allows(Permissions.Act.DELETE_OTHERS, r, Role.MEMBER, false)).isPresent();
    }
}
