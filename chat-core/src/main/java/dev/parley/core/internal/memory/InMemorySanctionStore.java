package dev.parley.core.internal.memory;

import dev.parley.core.spi.Sanction;
import dev.parley.core.spi.SanctionStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Internal {@link SanctionStore} kept in concurrent maps, lost at exit. Thread-safe: each method is
 * one atomic step on one map (kind and room, then username).
 */
public final class InMemorySanctionStore implements SanctionStore {

    private record Key(Sanction.Kind kind, String room) {
    }

    private final ConcurrentMap<Key, ConcurrentNavigableMap<String, Sanction>> byRoom = new ConcurrentHashMap<>();

    @Override
    public void put(Sanction sanction) {
        Objects.requireNonNull(sanction, "sanction");
        byRoom.computeIfAbsent(new Key(sanction.kind(), sanction.room()), k -> new ConcurrentSkipListMap<>())
                .put(sanction.username(), sanction);
    }

    @Override
    public boolean remove(Sanction.Kind kind, String roomId, String username) {
        Objects.requireNonNull(username, "username");
        ConcurrentNavigableMap<String, Sanction> room = byRoom.get(key(kind, roomId));
        return room != null && room.remove(username) != null;
    }

    @Override
    public Optional<Sanction> find(Sanction.Kind kind, String roomId, String username) {
        Objects.requireNonNull(username, "username");
        ConcurrentNavigableMap<String, Sanction> room = byRoom.get(key(kind, roomId));
        return room == null ? Optional.empty() : Optional.ofNullable(room.get(username));
    }

    @Override
    public List<Sanction> list(Sanction.Kind kind, String roomId) {
        ConcurrentNavigableMap<String, Sanction> room = byRoom.get(key(kind, roomId));
        return room == null ? List.of() : List.copyOf(room.values());
    }

    private static Key key(Sanction.Kind kind, String roomId) {
        return new Key(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(roomId, "roomId"));
    }
}
