package dev.parley.core.spi.contract;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.protocol.ReadMarker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The behaviour every {@link ReadMarkerStore} promises: markers only move forward, whatever the
 * interleaving of writers; users are matched case-insensitively; markers read back per user and per
 * room. A subclass supplies the store; each test gets a fresh, empty one from {@link #newStore()}.
 */
public abstract class ReadMarkerStoreContract {

    /** A new, empty store; called once before each test. */
    protected abstract ReadMarkerStore newStore();

    private ReadMarkerStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void aMarkerNeverWrittenIsZero() {
        assertEquals(0, store.marker("lobby", "alice"));
        assertEquals(Map.of(), store.markersOf("alice"));
        assertEquals(Map.of(), store.markersIn("lobby"));
    }

    @Test
    void aMarkerMovesForwardOnlyAndReportsWhatMoved() {
        assertEquals(List.of(new ReadMarker("lobby", "alice", 5)), store.advance(List.of(new ReadMarker("lobby", "alice", 5))));
        assertEquals(List.of(), store.advance(List.of(new ReadMarker("lobby", "alice", 3))), "an older seq is a no-op");
        assertEquals(List.of(), store.advance(List.of(new ReadMarker("lobby", "alice", 5))), "the same seq too");
        assertEquals(5, store.marker("lobby", "alice"));
        assertEquals(List.of(new ReadMarker("lobby", "alice", 9)), store.advance(List.of(new ReadMarker("lobby", "alice", 9))));
        assertEquals(9, store.marker("lobby", "alice"));
    }

    @Test
    void oneCallMovesSeveralMarkersAndReportsOnlyThoseThatMoved() {
        store.advance(List.of(new ReadMarker("lobby", "alice", 4)));
        List<ReadMarker> moved = store.advance(List.of(new ReadMarker("lobby", "alice", 2),
                new ReadMarker("lobby", "bob", 7), new ReadMarker("dev", "alice", 1)));
        assertEquals(java.util.Set.of(new ReadMarker("lobby", "bob", 7), new ReadMarker("dev", "alice", 1)),
                java.util.Set.copyOf(moved));
        assertEquals(2, moved.size());
        assertEquals(Map.of("lobby", 4L, "dev", 1L), store.markersOf("alice"));
        assertEquals(Map.of("alice", 4L, "bob", 7L), store.markersIn("lobby"));
    }

    @Test
    void usersAreMatchedCaseInsensitively() {
        store.advance(List.of(new ReadMarker("lobby", "Alice", 3)));
        assertEquals(3, store.marker("lobby", "alice"));
        assertEquals(Map.of("lobby", 3L), store.markersOf("ALICE"));
        assertEquals(List.of(), store.advance(List.of(new ReadMarker("lobby", "alice", 2))));
        assertEquals(Map.of("alice", 3L), store.markersIn("lobby"), "keyed by the lower-case name");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWritersNeverMoveAMarkerBack() throws Exception {
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 4; w++) {
            int offset = w;
            writers.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        long seq = i * 4L + offset;
                        store.advance(List.of(new ReadMarker("lobby", "alice", seq), new ReadMarker("lobby", "bob", 200 - seq)));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(199, store.marker("lobby", "alice"), "the highest any writer wrote");
        assertEquals(200, store.marker("lobby", "bob"));
    }
}
