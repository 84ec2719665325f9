package dev.parley.core.internal;

import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.Room;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms looked up before. A room is never deleted once created, and its only changes (name, topic,
 * read-only) are ROOM_UPDATED entries of its log, which drop the kept copy on every node as they
 * are applied ({@link RoomActEffects}); a bus reconnect, which may have lost some, drops them all.
 * What is not found is not kept. Bounded by starting over when full. Thread-safe.
 */
final class KnownRooms {
    private static final int MAX_ROOMS = 10_000;

    private final RoomStore rooms;
    private final ConcurrentHashMap<String, Room> known = new ConcurrentHashMap<>();

    KnownRooms(RoomStore rooms) {
        this.rooms = rooms;
    }

    /** The room, from the kept copy or the store. */
    Optional<Room> find(String roomId) {
        Room r = known.get(roomId);
        if (r != null) {
            return Optional.of(r);
        }
        Optional<Room> found = rooms.find(roomId);
        found.ifPresent(room -> {
            if (known.size() >= MAX_ROOMS) {
                known.clear();
            }
            known.put(roomId, room);
        });
        return found;
    }

    /** The room changed: read it from the store next time. */
    void forget(String roomId) {
        known.remove(roomId);
    }

    /** Every kept copy is dropped (the bus may have lost updates). */
    void forgetAll() {
        known.clear();
    }
}
