package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.Membership;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RoomStore} over JPA. Each method is one transaction, so a room and its initial members
 * appear together. Where the SPI answers false for an existing key, the store checks first and
 * also answers false when a concurrent insert wins the race on the primary key.
 */
public final class JpaRoomStore implements RoomStore {

    private final Transactions tx;

    public JpaRoomStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a member is listed twice
     */
    @Override
    public boolean create(Room room, List<Membership> members) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(members, "members");
        Set<String> seen = new HashSet<>();
        for (Membership m : members) {
            if (!seen.add(m.username())) {
                throw new IllegalArgumentException("member " + m.username() + " is listed twice");
            }
        }
        return tx.inTransaction(em -> {
            if (em.find(RoomEntity.class, room.id()) != null) {
                return false;
            }
            em.persist(new RoomEntity(room));
            for (Membership m : members) {
                em.persist(new MembershipEntity(room.id(), m.username(), m.role()));
            }
            em.flush();
            return true;
        }, () -> false);
    }

    @Override
    public Optional<Room> find(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return tx.inTransaction(em -> Optional.ofNullable(em.find(RoomEntity.class, roomId)).map(RoomEntity::toRoom));
    }

    @Override
    public List<Room> publicRooms() {
        return tx.inTransaction(em -> em.createQuery(
                        "SELECT r FROM ParleyRoom r WHERE r.visibility = :v ORDER BY r.id", RoomEntity.class)
                .setParameter("v", Visibility.PUBLIC)
                .getResultStream().map(RoomEntity::toRoom).toList());
    }

    @Override
    public List<Room> roomsOf(String username) {
        Objects.requireNonNull(username, "username");
        return tx.inTransaction(em -> em.createQuery(
                        "SELECT r FROM ParleyRoom r, ParleyMembership m"
                                + " WHERE m.username = :u AND m.roomId = r.id ORDER BY r.id", RoomEntity.class)
                .setParameter("u", username)
                .getResultStream().map(RoomEntity::toRoom).toList());
    }

    @Override
    public Optional<Role> role(String roomId, String username) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        return tx.inTransaction(em -> Optional.ofNullable(
                em.find(MembershipEntity.class, new MembershipEntity.Key(roomId, username))).map(m -> m.role));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the room does not exist
     */
    @Override
    public boolean addMember(String roomId, String username, Role role) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        return tx.inTransaction(em -> {
            if (em.find(RoomEntity.class, roomId) == null) {
                throw new IllegalArgumentException("no room " + roomId);
            }
            if (em.find(MembershipEntity.class, new MembershipEntity.Key(roomId, username)) != null) {
                return false;
            }
            em.persist(new MembershipEntity(roomId, username, role));
            em.flush();
            return true;
        }, () -> false);
    }

    @Override
    public boolean removeMember(String roomId, String username) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        return tx.inTransaction(em -> em.createQuery(
                        "DELETE FROM ParleyMembership m WHERE m.roomId = :r AND m.username = :u")
                .setParameter("r", roomId)
                .setParameter("u", username)
                .executeUpdate() > 0);
    }

    @Override
    public List<Membership> members(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return tx.inTransaction(em -> em.createQuery(
                        "SELECT m FROM ParleyMembership m WHERE m.roomId = :r ORDER BY m.username", MembershipEntity.class)
                .setParameter("r", roomId)
                .getResultStream().map(MembershipEntity::toMembership).toList());
    }

    @Override
    public Optional<Room> update(String roomId, String name, String topic, boolean readOnly) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        return tx.inTransaction(em -> {
            RoomEntity r = em.find(RoomEntity.class, roomId);
            if (r == null) {
                return Optional.empty();
            }
            r.update(name, topic, readOnly);
            return Optional.of(r.toRoom());
        });
    }

    @Override
    public boolean setRole(String roomId, String username, Role role) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        return tx.inTransaction(em -> em.createQuery(
                        "UPDATE ParleyMembership m SET m.role = :role WHERE m.roomId = :r AND m.username = :u")
                .setParameter("role", role)
                .setParameter("r", roomId)
                .setParameter("u", username)
                .executeUpdate() > 0);
    }
}
