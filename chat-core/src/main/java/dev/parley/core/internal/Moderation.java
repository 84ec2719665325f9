package dev.parley.core.internal;

import dev.parley.core.RoomAdmin;
import dev.parley.core.RoomPatch;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.Sanction;
import dev.parley.protocol.Ban;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomAct;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moderation and room administration: each act checked against {@link Permissions}, its state
 * written to the stores (the room, the member's role or membership, the ban or mute), then posted
 * as a MODERATION or ROOM_UPDATED entry through the {@link Broadcaster}, whose effects on live
 * state ({@link RoomActEffects}) every node applies alike. Each act is written to the server log,
 * one line naming who did what to whom (never a reason's or topic's text). Thread-safe.
 */
final class Moderation implements RoomAdmin {
    private static final System.Logger LOG = System.getLogger(Moderation.class.getName());
    /** The longest topic, in characters. */
    static final int MAX_TOPIC = 500;
    /** The longest ban reason, in characters. */
    static final int MAX_REASON = 500;

    private final ServerAdmins admins;
    private final RoomStore rooms;
    private final RoomRules roomRules;
    private final Accounts accounts;
    private final Sanctions sanctions;
    private final KnownMembers members;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final MessageStore messages;

    Moderation(ServerAdmins admins, RoomStore rooms, RoomRules roomRules, Accounts accounts, Sanctions sanctions,
               KnownMembers members, Broadcaster broadcaster, Clock clock, MessageStore messages) {
        this.admins = admins;
        this.rooms = rooms;
        this.roomRules = roomRules;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.members = members;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.messages = messages;
    }

    @Override
    public Room update(User caller, String roomId, RoomPatch patch) {
        Room room = administered(caller, roomId);
        Role actor = actor(caller, room, Permissions.Act.UPDATE_ROOM);
        if (!Permissions.allows(Permissions.Act.UPDATE_ROOM, actor, actor, true)) {
            throw ChatException.forbidden("only the owner or an admin of room " + roomId + " can change it");
        }
        if (patch.name().isEmpty() && patch.topic().isEmpty() && patch.readOnly().isEmpty()) {
            throw ChatException.badRequest("give at least one of \"name\", \"topic\" and \"readOnly\"");
        }
        Optional<String> name = patch.name().map(n -> InputRules.roomName(Optional.of(n), roomId));
        Optional<String> topic = patch.topic().map(Moderation::topic);
        // Only what changes is written and posted.
        name = name.filter(n -> !n.equals(room.name()));
        topic = topic.filter(t -> !t.equals(room.topic()));
        Optional<Boolean> readOnly = patch.readOnly().filter(r -> r != room.readOnly());
        if (name.isEmpty() && topic.isEmpty() && readOnly.isEmpty()) {
            return room;
        }
        Room updated = rooms.update(roomId, name.orElse(room.name()), topic.orElse(room.topic()),
                readOnly.orElse(room.readOnly())).orElseThrow(() -> ChatException.notFound("room " + roomId + " not found"));
        RoomAct.RoomUpdate act = new RoomAct.RoomUpdate(caller.username(), name, topic, readOnly);
        List<String> changed = new ArrayList<>();
        List<String> said = new ArrayList<>();
        name.ifPresent(n -> {
            changed.add("name");
            said.add("renamed the room \"" + n + "\"");
        });
        topic.ifPresent(t -> {
            changed.add("topic");
            said.add(t.isEmpty() ? "cleared the topic" : "set the topic: " + t);
        });
        readOnly.ifPresent(r -> {
            changed.add("readOnly=" + r);
            said.add(r ? "made the room read-only" : "opened the room to every member");
        });
        post(roomId, caller.username() + " " + String.join(", ", said), act);
        LOG.log(System.Logger.Level.INFO, "room update: room={0} by={1} changed={2}", roomId, caller.username(), changed);
        return updated;
    }

    @Override
    public Optional<Message> setRole(User caller, String roomId, String username, Role role) {
        if (role == null || role == Role.OWNER) {
            throw ChatException.badRequest("role must be \"admin\", \"moderator\" or \"member\"");
        }
        Room room = administered(caller, roomId);
        Role actor = actor(caller, room, Permissions.Act.SET_ROLE);
        User target = accounts.find(username).user();
        Role current = memberRole(roomId, target);
        if (!Permissions.maySetRole(actor, current, role) || same(caller, target)) {
            throw ChatException.forbidden("as " + actor.wireName() + " you cannot make " + current.wireName() + " "
                    + target.username() + " " + role.wireName() + " in room " + roomId);
        }
        if (current == role) {
            return Optional.empty();
        }
        rooms.setRole(roomId, target.username(), role);
        return Optional.of(moderation(roomId, RoomAct.Action.ROLE, target, caller, Optional.of(role), Optional.empty(),
                Optional.empty(), target.username() + " is now " + role.wireName() + " (by " + caller.username() + ")"));
    }

    @Override
    public Optional<Message> kick(User caller, String roomId, String username) {
        Room room = administered(caller, roomId);
        Role actor = actor(caller, room, Permissions.Act.KICK);
        User target = accounts.find(username).user();
        Role current = memberRole(roomId, target);
        checkLower(Permissions.Act.KICK, actor, current, caller, target, roomId);
        if (!rooms.removeMember(roomId, target.username())) {
            throw notMember(target, roomId);
        }
        // As for a leave: the kept "yes" goes with the store's row, so no send of theirs gets in meanwhile.
        members.removed(roomId, InputRules.key(target.username()));
        Message entry = moderation(roomId, RoomAct.Action.KICK, target, caller, Optional.empty(), Optional.empty(),
                Optional.empty(), target.username() + " was removed by " + caller.username());
        roomRules.removedByAct(roomId, target.username());
        return Optional.of(entry);
    }

    @Override
    public Optional<Message> ban(User caller, String roomId, String username, Optional<Instant> until,
                                 Optional<String> reason) {
        Room room = administered(caller, roomId);
        Role actor = actor(caller, room, Permissions.Act.BAN);
        Optional<Instant> lapse = until(until);
        Optional<String> why = reason(reason);
        User target = accounts.find(username).user();
        // A non-member may be banned before they come; they count as a member.
        Role current = Permissions.shown(rooms.role(roomId, target.username()).orElse(Role.MEMBER),
                admins.isAdmin(target.username()));
        checkLower(Permissions.Act.BAN, actor, current, caller, target, roomId);
        sanctions.store().put(new Sanction(Sanction.Kind.BAN, roomId, target.username(), caller.username(), lapse, why));
        boolean wasMember = rooms.removeMember(roomId, target.username());
        if (wasMember) {
            members.removed(roomId, InputRules.key(target.username()));
        }
        Message entry = moderation(roomId, RoomAct.Action.BAN, target, caller, Optional.empty(), lapse, why,
                target.username() + " was banned by " + caller.username() + lapse.map(t -> " until " + t).orElse("")
                        + why.map(r -> ": " + r).orElse(""));
        if (wasMember) {
            roomRules.removedByAct(roomId, target.username());
        }
        return Optional.of(entry);
    }

    @Override
    public Optional<Message> unban(User caller, String roomId, String username) {
        Room room = administered(caller, roomId);
        actor(caller, room, Permissions.Act.BAN);
        User target = accounts.find(username).user();
        if (!sanctions.store().remove(Sanction.Kind.BAN, roomId, target.username())) {
            return Optional.empty();
        }
        return Optional.of(moderation(roomId, RoomAct.Action.UNBAN, target, caller, Optional.empty(), Optional.empty(),
                Optional.empty(), target.username() + " may come back (unbanned by " + caller.username() + ")"));
    }

    @Override
    public List<Ban> bans(User caller, String roomId) {
        Room room = administered(caller, roomId);
        actor(caller, room, Permissions.Act.BAN);
        return sanctions.bans(roomId).stream().map(s -> new Ban(s.username(), s.by(), s.until(), s.reason())).toList();
    }

    @Override
    public Optional<Message> mute(User caller, String roomId, String username, Optional<Instant> until) {
        Room room = administered(caller, roomId);
        Role actor = actor(caller, room, Permissions.Act.MUTE);
        Optional<Instant> lapse = until(until);
        User target = accounts.find(username).user();
        Role current = memberRole(roomId, target);
        checkLower(Permissions.Act.MUTE, actor, current, caller, target, roomId);
        sanctions.store().put(new Sanction(Sanction.Kind.MUTE, roomId, target.username(), caller.username(), lapse,
                Optional.empty()));
        return Optional.of(moderation(roomId, RoomAct.Action.MUTE, target, caller, Optional.empty(), lapse, Optional.empty(),
                target.username() + " was muted by " + caller.username() + lapse.map(t -> " until " + t).orElse("")));
    }

    @Override
    public Optional<Message> unmute(User caller, String roomId, String username) {
        Room room = administered(caller, roomId);
        actor(caller, room, Permissions.Act.MUTE);
        User target = accounts.find(username).user();
        if (!sanctions.store().remove(Sanction.Kind.MUTE, roomId, target.username())) {
            return Optional.empty();
        }
        return Optional.of(moderation(roomId, RoomAct.Action.UNMUTE, target, caller, Optional.empty(), Optional.empty(),
                Optional.empty(), target.username() + " may speak again (unmuted by " + caller.username() + ")"));
    }

    @Override
    public HistoryPage entries(User caller, String roomId, Set<MessageKind> kinds, PageRequest request) {
        if (kinds.isEmpty()) {
            throw ChatException.badRequest("kind needs at least one kind of entry");
        }
        if (!admins.isAdmin(caller.username())) {
            roomRules.memberRoom(caller, roomId);
        } else {
            roomRules.findRoom(roomId);
        }
        return LogFilter.page(messages, roomId, kinds, request);
    }

    // ---- checks ------------------------------------------------------------------------------

    /**
     * The room, if the caller may see it: a server admin sees every room, others as
     * {@link RoomRules#visible}. A direct room has no one to administer: FORBIDDEN.
     */
    private Room administered(User caller, String roomId) {
        Room room = admins.isAdmin(caller.username()) ? roomRules.findRoom(roomId) : roomRules.visible(caller, roomId);
        if (room.visibility() == Visibility.DIRECT) {
            throw ChatException.forbidden("a direct conversation has no moderators");
        }
        return room;
    }

    /** The caller's acting role, if it reaches the act's minimum; FORBIDDEN otherwise. */
    private Role actor(User caller, Room room, Permissions.Act act) {
        Role role = roomRules.actingRole(room.id(), caller)
                .orElseThrow(() -> ChatException.forbidden("you are not a member of room " + room.id()));
        if (!role.atLeast(act.minimum())) {
            throw ChatException.forbidden("only a " + act.minimum().wireName() + " or above of room " + room.id()
                    + " may do that");
        }
        return role;
    }

    private void checkLower(Permissions.Act act, Role actor, Role target, User caller, User targetUser, String roomId) {
        if (!Permissions.allows(act, actor, target, same(caller, targetUser))) {
            throw ChatException.forbidden("as " + actor.wireName() + " you cannot " + act.name().toLowerCase(java.util.Locale.ROOT)
                    + " " + target.wireName() + " " + targetUser.username() + " in room " + roomId);
        }
    }

    /** The target's role as the members list shows it: a server admin counts as at least admin. */
    private Role memberRole(String roomId, User target) {
        Role stored = rooms.role(roomId, target.username()).orElseThrow(() -> notMember(target, roomId));
        return Permissions.shown(stored, admins.isAdmin(target.username()));
    }

    private static ChatException notMember(User target, String roomId) {
        return ChatException.notFound(target.username() + " is not a member of room " + roomId);
    }

    private static boolean same(User a, User b) {
        return InputRules.key(a.username()).equals(InputRules.key(b.username()));
    }

    private Optional<Instant> until(Optional<Instant> until) {
        if (until.isPresent() && !until.get().isAfter(clock.instant())) {
            throw ChatException.badRequest("until must be in the future, got " + until.get());
        }
        return until.map(t -> t.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Optional<String> reason(Optional<String> reason) {
        Optional<String> r = reason.map(String::strip).filter(s -> !s.isEmpty());
        if (r.isPresent() && r.get().length() > MAX_REASON) {
            throw ChatException.badRequest("reason is at most " + MAX_REASON + " characters, got " + r.get().length());
        }
        return r;
    }

    private static String topic(String topic) {
        String t = topic.strip();
        if (t.length() > MAX_TOPIC) {
            throw ChatException.badRequest("topic is at most " + MAX_TOPIC + " characters, got " + t.length());
        }
        return t;
    }

    // ---- posting -----------------------------------------------------------------------------

    private Message moderation(String roomId, RoomAct.Action action, User target, User caller, Optional<Role> role,
                               Optional<Instant> until, Optional<String> reason, String text) {
        RoomAct.Moderation act = new RoomAct.Moderation(action, target.username(), caller.username(), role, until, reason);
        Message entry = post(roomId, text, act);
        LOG.log(System.Logger.Level.INFO, "moderation: room={0} action={1} user={2} by={3}{4}", roomId,
                action.wireName(), target.username(), caller.username(),
                role.map(r -> " role=" + r.wireName()).orElse("") + until.map(t -> " until=" + t).orElse(""));
        return entry;
    }

    private Message post(String roomId, String text, RoomAct act) {
        return broadcaster.post(NewMessage.roomAct(roomId, text, clock.instant().truncatedTo(ChronoUnit.MILLIS), act));
    }
}
