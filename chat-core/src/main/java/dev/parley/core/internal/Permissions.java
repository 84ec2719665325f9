package dev.parley.core.internal;

import dev.parley.protocol.Role;

import java.util.Optional;

/**
 * The one table of who may do what in a room. Every check of a role in the engine reads it:
 * posting (and posting in a read-only room), editing, deleting others' messages, reacting,
 * uploading, adding members, kicking, banning, muting, setting roles and updating the room. A
 * server admin ({@code --admin}, or a container principal in the admin role: {@link ServerAdmins})
 * acts as the owner of every room.
 *
 * <p>Each act has the lowest role that may do it and a {@link Scope}: what it may be done to. The
 * rule is {@link #allows}; the tests are generated from {@link Act#minimum()} and
 * {@link Act#scope()}, every act by every role against every role. Stateless.
 */
final class Permissions {

    /** What an act may be done to. */
    enum Scope {
        /** The room itself, or the actor's own writing in it: no other member is concerned. */
        ROOM,
        /** Only what the actor wrote. */
        OWN,
        /** What any member wrote, whatever their role. */
        ANYONE,
        /** Only members of a strictly lower role than the actor's. */
        LOWER
    }

    /** Every act the table decides. */
    enum Act {
        POST(Role.MEMBER, Scope.ROOM),
        POST_READ_ONLY(Role.MODERATOR, Scope.ROOM),
        EDIT(Role.MEMBER, Scope.OWN),
        DELETE_OTHERS(Role.MODERATOR, Scope.ANYONE),
        REACT(Role.MEMBER, Scope.ROOM),
        UPLOAD(Role.MEMBER, Scope.ROOM),
        ADD_MEMBER(Role.ADMIN, Scope.ROOM),
        KICK(Role.MODERATOR, Scope.LOWER),
        BAN(Role.MODERATOR, Scope.LOWER),
        MUTE(Role.MODERATOR, Scope.LOWER),
        /** The new role, too, must be lower than the actor's ({@link #maySetRole}). */
        SET_ROLE(Role.ADMIN, Scope.LOWER),
        UPDATE_ROOM(Role.ADMIN, Scope.ROOM);

        private final Role minimum;
        private final Scope scope;

        Act(Role minimum, Scope scope) {
            this.minimum = minimum;
            this.scope = scope;
        }

        /** The lowest role that may do this. */
        Role minimum() {
            return minimum;
        }

        /** What it may be done to. */
        Scope scope() {
            return scope;
        }
    }

    private Permissions() {
    }

    /**
     * The role a user acts with in a room: the owner's for a server admin, else their own.
     *
     * @param stored      the user's role in the room, empty for a non-member
     * @param serverAdmin whether the user is a server admin
     */
    static Optional<Role> acting(Optional<Role> stored, boolean serverAdmin) {
        return serverAdmin ? Optional.of(Role.OWNER) : stored;
    }

    /**
     * The role a members list shows, and the role a member counts as when acted on: a server admin's
     * membership shows as at least admin (v1's members list names only owner, admin and member for
     * them), so a moderator or a room admin cannot kick, ban or mute a server admin, and the owner can.
     */
    static Role shown(Role stored, boolean serverAdmin) {
        return serverAdmin && Role.ADMIN.outranks(stored) ? Role.ADMIN : stored;
    }

    /**
     * Whether a role may do an act.
     *
     * @param act    the act
     * @param actor  the actor's acting role
     * @param target the role of the member it is done to (ignored for {@link Scope#ROOM}; a
     *               non-member counts as {@link Role#MEMBER})
     * @param self   whether it is done to the actor's own writing or self
     */
    static boolean allows(Act act, Role actor, Role target, boolean self) {
        if (!actor.atLeast(act.minimum())) {
            return false;
        }
        return switch (act.scope()) {
            case ROOM, ANYONE -> true;
            case OWN -> self;
            case LOWER -> !self && actor.outranks(target);
        };
    }

    /** Whether a role may give a member of role {@code target} the role {@code newRole}: the owner's never. */
    static boolean maySetRole(Role actor, Role target, Role newRole) {
        return newRole != Role.OWNER && allows(Act.SET_ROLE, actor, target, false) && actor.outranks(newRole);
    }
}
