package dev.parley.core.internal;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.RoomPatch;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every act of the {@link Permissions} table, by every role (and a server admin), against every
 * role (and the actor itself), done through the {@link Chat} API on a fresh engine. The expected
 * outcome is read from the table's own definition of each act (its {@link Permissions.Act#minimum()}
 * and {@link Permissions.Scope}), not from a copy of the table; a refusal is FORBIDDEN and leaves
 * the room's log as it was.
 */
@Timeout(120)
class PermissionTableTest {
    private static final String ROOM = "room";

    /** Who acts: a room role, or a server admin who is a plain member of the room. */
    enum Actor {
        OWNER("owner"), ADMIN("admin1"), MODERATOR("mod1"), MEMBER("mem1"), SERVER_ADMIN("root");

        final String user;

        Actor(String user) {
            this.user = user;
        }
    }

    /** What the act is done to: the actor itself, or another member of a role. */
    enum Target {
        SELF(null), OWNER("owner"), ADMIN("admin2"), MODERATOR("mod2"), MEMBER("mem2");

        final String user;

        Target(String user) {
            this.user = user;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Permissions.Act act : Permissions.Act.values()) {
            for (Actor actor : Actor.values()) {
                if (act.scope() == Permissions.Scope.ROOM) {
                    out.add(Arguments.of(act, actor, Target.SELF));
                    continue;
                }
                for (Target target : Target.values()) {
                    boolean duplicateOfSelf = actor == Actor.OWNER && target == Target.OWNER;
                    // Deleting one's own message is the author's right, not this act's.
                    boolean notOthers = act == Permissions.Act.DELETE_OTHERS && target == Target.SELF;
                    if (!duplicateOfSelf && !notOthers) {
                        out.add(Arguments.of(act, actor, target));
                    }
                }
            }
        }
        return out.stream();
    }

    /** What the table's definition says, from the act's minimum role and scope. */
    private static boolean expected(Permissions.Act act, Role acting, Role target, boolean self, Role newRole) {
        boolean reaches = acting.atLeast(act.minimum());
        boolean inScope = switch (act.scope()) {
            case ROOM, ANYONE -> true;
            case OWN -> self;
            case LOWER -> !self && acting.outranks(target);
        };
        boolean grantable = act != Permissions.Act.SET_ROLE || acting.outranks(newRole);
        return reaches && inScope && grantable;
    }

    @ParameterizedTest(name = "{0} by {1} on {2}")
    @MethodSource("cases")
    void everyActByEveryRoleAgainstEveryRoleFollowsTheTable(Permissions.Act act, Actor actor, Target target) {
        try (Chat chat = Chat.builder().config(ChatConfig.builder().passwordHashCost(4).sendRate(1_000_000, 1_000_000)
                .admins(Set.of("root")).build()).build()) {
            Map<String, User> users = new java.util.HashMap<>();
            for (String name : List.of("owner", "admin1", "admin2", "mod1", "mod2", "mem1", "mem2", "root", "newbie")) {
                users.put(name, chat.register(name, "password-" + name));
            }
            User owner = users.get("owner");
            chat.createRoom(owner, ROOM, Optional.empty(), Visibility.PRIVATE,
                    List.of("admin1", "admin2", "mod1", "mod2", "mem1", "mem2", "root"));
            for (String name : List.of("admin1", "admin2")) {
                chat.admin().setRole(owner, ROOM, name, Role.ADMIN);
            }
            for (String name : List.of("mod1", "mod2")) {
                chat.admin().setRole(owner, ROOM, name, Role.MODERATOR);
            }
            User me = users.get(actor.user);
            User them = target == Target.SELF ? me : users.get(target.user);
            boolean self = me.equals(them);
            Role acting = Permissions.acting(Optional.of(stored(me)), actor == Actor.SERVER_ADMIN).orElseThrow();
            Role targetRole = stored(them);
            Role newRole = targetRole == Role.MEMBER ? Role.MODERATOR : Role.MEMBER;
            Message theirs = chat.send(them, ROOM, Draft.of("a message by " + them.username()));
            if (act == Permissions.Act.POST_READ_ONLY) {
                chat.admin().update(owner, ROOM, new RoomPatch(Optional.empty(), Optional.empty(), Optional.of(true)));
            }
            boolean allowed = expected(act, acting, targetRole, self, newRole);
            long before = lastSeq(chat, owner);
            Runnable doIt = () -> perform(chat, act, me, them, theirs, newRole);
            if (allowed) {
                doIt.run();
            } else {
                ChatException e = assertThrows(ChatException.class, doIt::run, act + " by " + actor + " on " + target);
                assertEquals(ErrorCode.FORBIDDEN, e.code(), e.getMessage());
                assertEquals(before, lastSeq(chat, owner), "a refusal posts nothing");
            }
        }
    }

    /** The role the set-up gave each user in the room. */
    private static Role stored(User user) {
        return switch (user.username()) {
            case "owner" -> Role.OWNER;
            case "admin1", "admin2" -> Role.ADMIN;
            case "mod1", "mod2" -> Role.MODERATOR;
            default -> Role.MEMBER;
        };
    }

    private static long lastSeq(Chat chat, User reader) {
        List<Message> last = chat.history(reader, ROOM, PageRequest.latest(1)).messages();
        return last.isEmpty() ? 0 : last.get(0).seq();
    }

    private static void perform(Chat chat, Permissions.Act act, User me, User them, Message theirs, Role newRole) {
        switch (act) {
            case POST, POST_READ_ONLY -> chat.send(me, ROOM, Draft.of("hello"));
            case EDIT -> chat.edit(me, ROOM, theirs.id(), "changed", Optional.empty());
            case DELETE_OTHERS -> chat.delete(me, ROOM, theirs.id(), Optional.empty());
            case REACT -> chat.react(me, ROOM, theirs.id(), "+1", Optional.empty());
            case UPLOAD -> chat.shareFile(me, ROOM, "a.txt", "text/plain", new ByteArrayInputStream(new byte[]{1}));
            case ADD_MEMBER -> chat.addMember(me, ROOM, "newbie");
            case KICK -> chat.admin().kick(me, ROOM, them.username());
            case BAN -> chat.admin().ban(me, ROOM, them.username(), Optional.empty(), Optional.empty());
            case MUTE -> chat.admin().mute(me, ROOM, them.username(), Optional.empty());
            case SET_ROLE -> chat.admin().setRole(me, ROOM, them.username(), newRole);
            case UPDATE_ROOM -> chat.admin().update(me, ROOM,
                    new RoomPatch(Optional.empty(), Optional.of("a topic"), Optional.empty()));
        }
    }
}
