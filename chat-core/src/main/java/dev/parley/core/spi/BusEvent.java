package dev.parley.core.spi;

import dev.parley.protocol.Message;
import dev.parley.protocol.Room;

import java.util.Objects;
import java.util.Optional;

/**
 * What one node tells the others through the {@link ClusterBus}. The set is closed.
 */
public sealed interface BusEvent {

    /** The node that published the event; a node ignores its own events. */
    String origin();

    /** A message was stored. */
    record MessagePosted(String origin, Message message) implements BusEvent {
        public MessagePosted {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A user started or stopped typing in a room. */
    record Typing(String origin, String room, String user, boolean active) implements BusEvent {
        public Typing {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(user, "user");
        }
    }

    /** A user's first connection on the origin node opened, or its last one closed. */
    record PresenceChanged(String origin, String user, boolean online) implements BusEvent {
        public PresenceChanged {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(user, "user");
        }
    }

    /** A user joined, was added to, or left a room. */
    record MembershipChanged(String origin, String room, String user, boolean member) implements BusEvent {
        public MembershipChanged {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(user, "user");
        }
    }

    /** A public room was created: every live connection is told, for its room list. */
    record RoomCreated(String origin, Room room) implements BusEvent {
        public RoomCreated {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(room, "room");
        }
    }

    /** A token was revoked (logout): connections opened with it close. */
    record TokenRevoked(String origin, String tokenId) implements BusEvent {
        public TokenRevoked {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    /**
     * A user's read marker in a room moved forward to {@code seq} (stored already).
     *
     * @param session the live session that sent it, whose echo its node skips; empty when it came over HTTP
     */
    record ReadMoved(String origin, String room, String user, long seq, Optional<String> session)
            implements BusEvent {
        public ReadMoved {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * A user's password changed: every connection of theirs closes, but those opened with
     * {@code keptTokenId} (the token the change was made with).
     */
    record TokensRevoked(String origin, String user, Optional<String> keptTokenId) implements BusEvent {
        public TokensRevoked {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(keptTokenId, "keptTokenId");
        }
    }
}
