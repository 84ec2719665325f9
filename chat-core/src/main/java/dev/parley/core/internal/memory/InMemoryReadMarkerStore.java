package dev.parley.core.internal.memory;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.ReadMarker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal {@link ReadMarkerStore} kept in memory, lost at exit. Markers are held per user (the
 * listing's lookup) and per room (the reads endpoint's); each is moved with an atomic
 * {@code merge(max)} on its own map entry, so no lock is shared with the message store or between
 * rooms.
 */
public final class InMemoryReadMarkerStore implements ReadMarkerStore {

    /** user key -> room -> marker. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Long>> byUser = new ConcurrentHashMap<>();
    /** room -> user key -> marker. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Long>> byRoom = new ConcurrentHashMap<>();

    @Override
    public List<ReadMarker> advance(List<ReadMarker> markers) {
        Objects.requireNonNull(markers, "markers");
        List<ReadMarker> moved = new ArrayList<>();
        for (ReadMarker m : markers) {
            if (m.lastReadSeq() == 0) {
                continue; // the marker every user starts with: nothing to write
            }
            String userKey = InputRules.key(m.username());
            long[] before = new long[1];
            // byUser is the record; byRoom follows it with the same max, so both agree once the call returns.
            long now = byUser.computeIfAbsent(userKey, k -> new ConcurrentHashMap<>())
                    .compute(m.room(), (room, old) -> {
                        before[0] = old == null ? 0 : old;
                        return Math.max(before[0], m.lastReadSeq());
                    });
            byRoom.computeIfAbsent(m.room(), r -> new ConcurrentHashMap<>()).merge(userKey, now, Math::max);
            if (now > before[0]) {
                moved.add(new ReadMarker(m.room(), m.username(), now));
            }
        }
        return moved;
    }

    @Override
    public long marker(String room, String username) {
        Map<String, Long> rooms = byUser.get(InputRules.key(username));
        Long seq = rooms == null ? null : rooms.get(room);
        return seq == null ? 0 : seq;
    }

    @Override
    public Map<String, Long> markersOf(String username) {
        Map<String, Long> rooms = byUser.get(InputRules.key(username));
        return rooms == null ? Map.of() : new HashMap<>(rooms);
    }

    @Override
    public Map<String, Long> markersIn(String room) {
        Map<String, Long> users = byRoom.get(room);
        return users == null ? Map.of() : new HashMap<>(users);
    }
}
