package dev.parley.core.internal;

import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.RoomAct;

import java.util.Optional;

/**
 * What a MODERATION or ROOM_UPDATED entry does on a node beyond being delivered, applied by
 * {@link Effects} when the entry is stored here or arrives from another node, and so alike on every
 * node. Runs before the entry is handed to the room's hub: a kicked or banned user's subscriptions
 * end before anything the room's log holds after the act can reach them, since the hub delivers
 * in seq order.
 *
 * <ul>
 *   <li>kick, ban: the user's kept membership answer is dropped, their subscriptions to the room
 *       end with {@code unsubscribed} and the reason, and their held events requests drop the room.
 *       The {@code room} frame {@code removed} is not sent from here: a ban may be of a user who
 *       was never a member, so the act, knowing, follows a removal with a
 *       {@link dev.parley.core.spi.BusEvent.MembershipChanged} ({@link RoomRules#removedByAct});</li>
 *   <li>ban, unban, mute, unmute: the room's kept mutes are read again;</li>
 *   <li>ROOM_UPDATED: the kept room is read again, and every connection that can see it gets a
 *       {@code room} frame {@code updated}.</li>
 * </ul>
 * Thread-safe.
 */
final class RoomActEffects {
    private final Delivery delivery;
    private final EventFeed feed;
    private final KnownMembers members;
    private final KnownRooms rooms;
    private final Sanctions sanctions;

    RoomActEffects(Delivery delivery, EventFeed feed, KnownMembers members, KnownRooms rooms, Sanctions sanctions) {
        this.delivery = delivery;
        this.feed = feed;
        this.members = members;
        this.rooms = rooms;
        this.sanctions = sanctions;
    }

    void stored(Message entry) {
        RoomAct act = entry.act().orElseThrow(() -> new IllegalArgumentException(entry.kind() + " without its act"));
        if (act instanceof RoomAct.Moderation m) {
            switch (m.action()) {
                case KICK -> removed(entry.room(), m.user(), "kicked");
                case BAN -> {
                    sanctions.forget(entry.room());
                    removed(entry.room(), m.user(), "banned");
                }
                case UNBAN, MUTE, UNMUTE -> sanctions.forget(entry.room());
                case ROLE -> {
                    // Roles are read from the store at each check: nothing is kept to drop.
                }
            }
        } else if (act instanceof RoomAct.RoomUpdate) {
            rooms.forget(entry.room());
            rooms.find(entry.room()).ifPresent(delivery::roomUpdated);
        }
    }

    /** The bus may have lost entries: what is kept is read again. */
    void reconnected() {
        rooms.forgetAll();
        sanctions.forgetAll();
    }

    private void removed(String room, String username, String reason) {
        String userKey = InputRules.key(username);
        members.removed(room, userKey);
        delivery.memberRemoved(room, username, Optional.of(reason));
        feed.memberRemoved(room, userKey);
    }
}
