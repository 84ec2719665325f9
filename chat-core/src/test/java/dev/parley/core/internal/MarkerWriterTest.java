package dev.parley.core.internal;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.protocol.ReadMarker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MarkerWriter}: one writer, bursts coalesced latest-wins, waiters completed once their marker is stored. */
@Timeout(30)
class MarkerWriterTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A store that records each call and holds the first one until released. */
    private static class GatedStore implements ReadMarkerStore {
        final ReadMarkerStore inner = ReadMarkerStore.inMemory();
        final List<List<ReadMarker>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<ReadMarker> advance(List<ReadMarker> markers) {
            calls.add(List.copyOf(markers));
            firstStarted.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.advance(markers);
        }

        @Override
        public long marker(String room, String username) {
            return inner.marker(room, username);
        }

        @Override
        public Map<String, Long> markersOf(String username) {
            return inner.markersOf(username);
        }

        @Override
        public Map<String, Long> markersIn(String room) {
            return inner.markersIn(room);
        }
    }

    @Test
    void aBurstWhileOneWriteIsUnderWayBecomesOneWriteOfTheLatestMarker() throws Exception {
        GatedStore store = new GatedStore();
        List<ReadMarker> announced = new CopyOnWriteArrayList<>();
        MarkerWriter writer = new MarkerWriter(store, executor, (m, session) -> announced.add(m));

        CompletableFuture<Void> first = writer.offer(new ReadMarker("lobby", "alice", 1), Optional.empty());
        assertTrue(store.firstStarted.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int seq = 2; seq <= 100; seq++) {
            burst.add(writer.offer(new ReadMarker("lobby", "alice", seq), Optional.of("phone")));
        }
        burst.add(writer.offer(new ReadMarker("lobby", "Alice", 50), Optional.of("laptop")));
        burst.add(writer.offer(new ReadMarker("dev", "alice", 7), Optional.empty()));
        assertEquals(100, writer.pending("lobby", "ALICE").orElseThrow(), "the slot holds the highest");
        store.release.countDown();

        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(2, store.calls.size(), "one write for the first, one for the whole burst: " + store.calls);
        assertEquals(java.util.Set.of(new ReadMarker("lobby", "alice", 100), new ReadMarker("dev", "alice", 7)),
                java.util.Set.copyOf(store.calls.get(1)));
        assertEquals(100, store.marker("lobby", "alice"));
        assertEquals(3, announced.size(), "1, then 100 and dev's 7: " + announced);
    }

    @Test
    void aFailedWriteFailsItsWaitersAndTheNextWriteStillHappens() throws Exception {
        ReadMarkerStore failing = new GatedStore() {
            @Override
            public List<ReadMarker> advance(List<ReadMarker> markers) {
                if (markers.get(0).lastReadSeq() == 1) {
                    throw new IllegalStateException("database down");
                }
                return inner.advance(markers);
            }
        };
        MarkerWriter writer = new MarkerWriter(failing, executor, (m, session) -> { });
        CompletableFuture<Void> lost = writer.offer(new ReadMarker("lobby", "alice", 1), Optional.empty());
        assertTrue(lost.handle((v, e) -> e != null).get(10, TimeUnit.SECONDS), "the waiter learns of the failure");
        writer.offer(new ReadMarker("lobby", "alice", 2), Optional.empty()).get(10, TimeUnit.SECONDS);
        assertEquals(2, failing.marker("lobby", "alice"));
    }
}
