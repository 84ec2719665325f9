package dev.parley.core.internal.memory;

import dev.parley.core.spi.Membership;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Internal {@link RoomStore} kept in sorted maps, lost at exit. Thread-safe: one read-write lock
 * guards rooms and memberships together, so every method is atomic (a room and its initial
 * members appear at once) and readers run in parallel. Sorted maps give the orders the SPI
 * promises without sorting on each read.
 */
public final class InMemoryRoomStore implements RoomStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<String, Room> rooms = new TreeMap<>();
    /** room id -> username -> role. */
    private final Map<String, NavigableMap<String, Role>> members = new HashMap<>();
    /** username -> ids of the rooms the user belongs to; kept so that roomsOf does not scan every room. */
    private final Map<String, NavigableSet<String>> roomsByUser = new HashMap<>();

    @Override
    public boolean create(Room room, List<Membership> initialMembers) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(initialMembers, "members");
        NavigableMap<String, Role> roles = new TreeMap<>();
        for (Membership m : initialMembers) {
            if (roles.putIfAbsent(m.username(), m.role()) != null) {
                throw new IllegalArgumentException("member " + m.username() + " is listed twice");
            }
        }
        return write(() -> {
            if (rooms.containsKey(room.id())) {
                return false;
            }
            rooms.put(room.id(), room);
            members.put(room.id(), roles);
            roles.keySet().forEach(user -> roomsByUser.computeIfAbsent(user, u -> new TreeSet<>()).add(room.id()));
            return true;
        });
    }

    @Override
    public Optional<Room> find(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return read(() -> Optional.ofNullable(rooms.get(roomId)));
    }

    @Override
    public List<Room> publicRooms() {
        return read(() -> rooms.values().stream().filter(r -> r.visibility() == Visibility.PUBLIC).toList());
    }

    @Override
    public List<Room> roomsOf(String username) {
        Objects.requireNonNull(username, "username");
        return read(() -> {
            NavigableSet<String> ids = roomsByUser.get(username);
            if (ids == null) {
                return List.of();
            }
            List<Room> result = new ArrayList<>(ids.size());
            ids.forEach(id -> result.add(rooms.get(id)));
            return List.copyOf(result);
        });
    }

    @Override
    public Optional<Role> role(String roomId, String username) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        return read(() -> {
            NavigableMap<String, Role> roles = members.get(roomId);
            return roles == null ? Optional.empty() : Optional.ofNullable(roles.get(username));
        });
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
        return write(() -> {
            NavigableMap<String, Role> roles = members.get(roomId);
            if (roles == null) {
                throw new IllegalArgumentException("no room " + roomId);
            }
            if (roles.putIfAbsent(username, role) != null) {
                return false;
            }
            roomsByUser.computeIfAbsent(username, u -> new TreeSet<>()).add(roomId);
            return true;
        });
    }

    @Override
    public boolean removeMember(String roomId, String username) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        return write(() -> {
            NavigableMap<String, Role> roles = members.get(roomId);
            if (roles == null || roles.remove(username) == null) {
                return false;
            }
            NavigableSet<String> ids = roomsByUser.get(username);
            ids.remove(roomId);
            if (ids.isEmpty()) {
                roomsByUser.remove(username);
            }
            return true;
        });
    }

    @Override
    public List<Membership> members(String roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return read(() -> {
            NavigableMap<String, Role> roles = members.get(roomId);
            if (roles == null) {
                return List.of();
            }
            return roles.entrySet().stream().map(e -> new Membership(e.getKey(), e.getValue())).toList();
        });
    }

    @Override
    public Optional<Room> update(String roomId, String name, String topic, boolean readOnly) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        return write(() -> Optional.ofNullable(rooms.computeIfPresent(roomId, (id, r) -> r.with(name, topic, readOnly))));
    }

    @Override
    public boolean setRole(String roomId, String username, Role role) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        return write(() -> {
            NavigableMap<String, Role> roles = members.get(roomId);
            return roles != null && roles.replace(username, role) != null;
        });
    }

    private <T> T read(Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    private <T> T write(Supplier<T> action) {
        return locked(lock.writeLock(), action);
    }

    private static <T> T locked(Lock l, Supplier<T> action) {
        l.lock();
        try {
            return action.get();
        } finally {
            l.unlock();
        }
    }
}
