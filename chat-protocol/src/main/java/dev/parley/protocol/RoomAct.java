package dev.parley.protocol;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MessageKind#MODERATION} or {@link MessageKind#ROOM_UPDATED} entry of a room's log
 * records: an act on the room's members or on the room itself. Carried by {@link Message#act()}; on
 * the wire its fields sit beside the message's own ({@code "action","user","by","role"?,"until"?,
 * "reason"?} and {@code "by","name"?,"topic"?,"readOnly"?}). Immutable.
 */
public sealed interface RoomAct {

    /** The username of who acted. */
    String by();

    /** The kind of entry that carries this act. */
    MessageKind kind();

    /** A moderation act's verb. */
    enum Action {
        KICK, BAN, UNBAN, MUTE, UNMUTE, ROLE;

        /** The lower-case name used on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A moderation act on one user.
     *
     * @param action what was done
     * @param user   the user it was done to
     * @param by     who did it
     * @param role   on ROLE: the user's new role
     * @param until  on BAN and MUTE: when it lapses by itself (absent: until lifted)
     * @param reason on BAN (and any act a moderator gave one for): why
     */
    record Moderation(Action action, String user, String by, Optional<Role> role, Optional<Instant> until,
                      Optional<String> reason) implements RoomAct {
        public Moderation {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
            if ((action == Action.ROLE) != role.isPresent()) {
                throw new IllegalArgumentException(action + (action == Action.ROLE ? " needs" : " takes no") + " role");
            }
        }

        @Override
        public MessageKind kind() {
            return MessageKind.MODERATION;
        }
    }

    /**
     * A change to the room: only the fields that changed are present.
     *
     * @param by       who changed it
     * @param name     the new name
     * @param topic    the new topic ({@code ""}: cleared)
     * @param readOnly the new read-only flag
     */
    record RoomUpdate(String by, Optional<String> name, Optional<String> topic, Optional<Boolean> readOnly)
            implements RoomAct {
        public RoomUpdate {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(readOnly, "readOnly");
        }

        @Override
        public MessageKind kind() {
            return MessageKind.ROOM_UPDATED;
        }
    }
}
