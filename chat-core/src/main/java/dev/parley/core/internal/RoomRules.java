package dev.parley.core.internal;

import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.Membership;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Member;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rooms and memberships: who sees, joins, leaves and adds whom, what a join or a leave posts, and
 * the direct room of two users. A membership change, once stored, is a
 * {@link BusEvent.MembershipChanged} applied through {@link Effects}: to this node's live sessions
 * and held event requests, and to the other nodes'.
 */
final class RoomRules {

    private final ServerAdmins admins;
    private final RoomStore rooms;
    private final Accounts accounts;
    private final Delivery delivery;
    private final Broadcaster broadcaster;
    private final Effects effects;
    private final Clock clock;
    private final KnownMembers members;
    private final KnownRooms known;
    private final Sanctions sanctions;

    RoomRules(ServerAdmins admins, RoomStore rooms, Accounts accounts, Delivery delivery, Broadcaster broadcaster,
              Effects effects, Clock clock, KnownMembers members, KnownRooms known, Sanctions sanctions) {
        this.admins = admins;
        this.rooms = rooms;
        this.accounts = accounts;
        this.delivery = delivery;
        this.broadcaster = broadcaster;
        this.effects = effects;
        this.clock = clock;
        this.members = members;
        this.known = known;
        this.sanctions = sanctions;
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private NewMessage note(String room, MessageKind kind, String from, String text) {
        return new NewMessage(room, kind, from, text, now(), Optional.empty(), Optional.empty());
    }

    /**
     * The caller's rooms and the public ones; on the caller's own rooms, the caller's mute in force
     * (read through {@link Sanctions}, which keeps each room's mutes a moment, as every send does).
     */
    List<RoomListing> list(User caller) {
        TreeMap<String, RoomListing> out = new TreeMap<>();
        for (Room r : rooms.roomsOf(caller.username())) {
            RoomListing listing = new RoomListing(r, true);
            if (r.visibility() != Visibility.DIRECT) {
                listing = sanctions.mute(r.id(), caller.username()).map(m -> new RoomListing(r, true).withMute(m.until()))
                        .orElse(listing);
            }
            out.put(r.id(), listing);
        }
        for (Room r : rooms.publicRooms()) {
            out.putIfAbsent(r.id(), new RoomListing(r, false));
        }
        return List.copyOf(out.values());
    }

    Room create(User caller, String id, Optional<String> name, Visibility visibility, List<String> members) {
        InputRules.roomId(id);
        if (visibility == null || visibility == Visibility.DIRECT) {
            throw ChatException.badRequest("visibility must be \"public\" or \"private\"");
        }
        String roomName = InputRules.roomName(name, id);
        List<Membership> memberships = new ArrayList<>();
        memberships.add(new Membership(caller.username(), Role.OWNER));
        Set<String> seen = new HashSet<>();
        seen.add(InputRules.key(caller.username()));
        for (String m : members) {
            if (!InputRules.isUsername(m)) {
                throw ChatException.badRequest("member \"" + m + "\" is not a valid username");
            }
            User u = accounts.find(m).user();
            if (seen.add(InputRules.key(u.username()))) {
                memberships.add(new Membership(u.username(), Role.MEMBER));
            }
        }
        Room room = new Room(id, roomName, visibility, caller.username(), now());
        if (!rooms.create(room, memberships)) {
            throw ChatException.conflict("room " + id + " already exists");
        }
        if (visibility == Visibility.PUBLIC) {
            effects.local(new BusEvent.RoomCreated(effects.origin(), room));
        }
        // Each first member's sessions (and held events requests) follow the room from now on, here and elsewhere.
        for (Membership m : memberships) {
            memberAdded(id, m.username());
        }
        return room;
    }

    /** A room the caller may see: NOT_FOUND if it does not exist or is private and the caller is not a member. */
    Room visible(User caller, String roomId) {
        Room r = findRoom(roomId);
        if (r.visibility() != Visibility.PUBLIC && !isMember(r.id(), caller)) {
            throw notFound(roomId);
        }
        return r;
    }

    Room findRoom(String roomId) {
        if (roomId == null) {
            throw notFound(null);
        }
        return lookUp(roomId).orElseThrow(() -> notFound(roomId));
    }

    private Optional<Room> lookUp(String roomId) {
        return known.find(roomId);
    }

    private static ChatException notFound(String roomId) {
        return ChatException.notFound("room " + roomId + " not found");
    }

    boolean isMember(String roomId, User user) {
        return members.isMember(roomId, InputRules.key(user.username()), () -> rooms.role(roomId, user.username()).isPresent());
    }

    /** The caller's role in the room, empty for a non-member. */
    Optional<Role> role(String roomId, User caller) {
        return rooms.role(roomId, caller.username());
    }

    /** The role the caller acts with in the room ({@link Permissions#acting}): the owner's for a server admin. */
    Optional<Role> actingRole(String roomId, User caller) {
        return Permissions.acting(role(roomId, caller), admins.isAdmin(caller.username()));
    }

    /** FORBIDDEN while the user is banned from the room. */
    private void checkNotBanned(String roomId, String username) {
        sanctions.ban(roomId, username).ifPresent(b -> {
            throw ChatException.forbidden(username + " is banned from room " + roomId
                    + b.until().map(t -> " until " + t).orElse(""));
        });
    }

    /**
     * Adds a member unless banned. The ban is checked again once the member is stored, and the
     * addition undone, so that a ban racing the join wins.
     */
    private boolean addUnlessBanned(String roomId, String username) {
        checkNotBanned(roomId, username);
        if (!rooms.addMember(roomId, username, Role.MEMBER)) {
            return false;
        }
        if (sanctions.ban(roomId, username).isPresent()) {
            rooms.removeMember(roomId, username);
            members.removed(roomId, InputRules.key(username));
            checkNotBanned(roomId, username);
        }
        return true;
    }

    /** The room, if the caller may read and write it: NOT_FOUND if it does not exist, FORBIDDEN for a non-member. */
    Room memberRoom(User caller, String roomId) {
        Room r = findRoom(roomId);
        if (!isMember(roomId, caller)) {
            throw ChatException.forbidden("you are not a member of room " + roomId);
        }
        return r;
    }

    void join(User caller, String roomId) {
        Room r = findRoom(roomId);
        if (isMember(roomId, caller)) {
            return;
        }
        if (r.visibility() != Visibility.PUBLIC) {
            throw ChatException.forbidden("room " + roomId + " is private: its owner or an admin can add you");
        }
        if (addUnlessBanned(roomId, caller.username())) {
            memberAdded(roomId, caller.username());
            broadcaster.post(note(roomId, MessageKind.USER_JOINED, caller.username(), caller.username() + " joined"));
        }
    }

    void leave(User caller, String roomId) {
        Room r = visible(caller, roomId);
        if (r.visibility() == Visibility.DIRECT) {
            throw ChatException.forbidden("a direct conversation cannot be left");
        }
        if (rooms.removeMember(roomId, caller.username())) {
            // The kept "yes" goes with the store's row, so that no send gets in while USER_LEFT is stored.
            members.removed(roomId, InputRules.key(caller.username()));
            // Posted while the leaver is still subscribed here and elsewhere: their sessions see it, then end.
            broadcaster.post(note(roomId, MessageKind.USER_LEFT, caller.username(), caller.username() + " left"));
            effects.local(new BusEvent.MembershipChanged(effects.origin(), roomId, caller.username(), false));
        }
    }

    void addMember(User caller, String roomId, String username) {
        boolean admin = admins.isAdmin(caller.username());
        // A server admin manages every room, including private ones it does not belong to.
        Room r = admin ? findRoom(roomId) : visible(caller, roomId);
        if (r.visibility() == Visibility.DIRECT) {
            throw ChatException.forbidden("a direct conversation has exactly its two users");
        }
        Optional<Role> role = Permissions.acting(rooms.role(roomId, caller.username()), admin);
        if (role.filter(x -> Permissions.allows(Permissions.Act.ADD_MEMBER, x, Role.MEMBER, false)).isEmpty()) {
            throw ChatException.forbidden("only the owner of room " + roomId + " or an admin can add members");
        }
        User target = accounts.find(username).user();
        if (addUnlessBanned(roomId, target.username())) {
            memberAdded(roomId, target.username());
            broadcaster.post(note(roomId, MessageKind.USER_JOINED, target.username(), target.username() + " joined"));
        }
    }

    /**
     * A kick or a ban removed a member, whose entry is already posted: their connections hear
     * {@code removed}, here and on the other nodes. After the entry, so that their subscriptions
     * have ended with the act's reason first; not at all for a ban of a user who was not a member.
     */
    void removedByAct(String roomId, String username) {
        effects.local(new BusEvent.MembershipChanged(effects.origin(), roomId, username, false));
    }

    /** A user joined or was added to a room: applied here and on the other nodes. */
    private void memberAdded(String roomId, String username) {
        effects.local(new BusEvent.MembershipChanged(effects.origin(), roomId, username, true));
    }

    List<Member> members(User caller, String roomId) {
        visible(caller, roomId);
        List<Member> out = new ArrayList<>();
        for (Membership m : rooms.members(roomId)) {
            Role role = Permissions.shown(m.role(), admins.isAdmin(m.username()));
            out.add(new Member(m.username(), role, delivery.isOnline(m.username()), accounts.displayName(m.username())));
        }
        return out;
    }


    /** The direct room of two users, created on first use; both users' live sessions receive it from then on. */
    String directRoom(User a, User b) {
        String id = InputRules.directRoomId(a.username(), b.username());
        if (lookUp(id).isEmpty()) {
            Room room = new Room(id, id, Visibility.DIRECT, a.username(), now());
            if (rooms.create(room, List.of(new Membership(a.username(), Role.OWNER), new Membership(b.username(), Role.MEMBER)))) {
                for (User u : List.of(a, b)) {
                    memberAdded(id, u.username());
                }
            }
        }
        return id;
    }
}
