package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryReadMarkerStore;
import dev.parley.protocol.ReadMarker;

import java.util.List;
import java.util.Map;

/**
 * Every user's read marker in every room: the highest seq they have read, which only moves forward.
 *
 * <p>Kept apart from the {@link MessageStore} on purpose: markers are written far more often than
 * messages (each time a reader scrolls), so a marker write must never take a lock that an append
 * waits on (a room's seq counter, the in-memory store's write lock). The engine writes markers from
 * one thread per node, batching what arrived meanwhile and keeping only the latest marker of each
 * user in each room (latest wins), so that a burst of reads costs one write.
 *
 * <p>Usernames are matched case-insensitively ({@code InputRules.key}); a marker reads back with the
 * name as it was given when first written. Implementations are thread-safe, and several processes
 * may share one store: {@link #advance} never moves a marker back, whatever the interleaving. The
 * contract suite in chat-core's test-jar ({@code ReadMarkerStoreContract}) pins this behaviour.
 */
public interface ReadMarkerStore {

    /**
     * Moves each marker forward to its {@code lastReadSeq}, in one step where the store can (one
     * transaction): a marker already there or beyond stays as it is. At most one marker per room and
     * user is given.
     *
     * @return the markers that moved, with the value now stored
     */
    List<ReadMarker> advance(List<ReadMarker> markers);

    /** The user's marker in the room, 0 when none was written. */
    long marker(String room, String username);

    /** The user's markers, by room id; rooms without one are left out. */
    Map<String, Long> markersOf(String username);

    /** The markers written in a room, by username key ({@code InputRules.key}); users without one are left out. */
    Map<String, Long> markersIn(String room);

    /** The default: markers kept in memory only; nothing survives the process. */
    static ReadMarkerStore inMemory() {
        return new InMemoryReadMarkerStore();
    }
}
