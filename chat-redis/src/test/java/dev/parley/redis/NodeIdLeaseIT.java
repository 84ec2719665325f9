package dev.parley.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Node ids taken through Redis: never two live nodes with one id; a node that stops frees its id. */
class NodeIdLeaseIT {
    private static final Duration TTL = Duration.ofSeconds(1);

    private final String uri = RedisTests.uri();
    private final String prefix = RedisTests.freshPrefix();

    @AfterEach
    void deleteKeys() {
        RedisTests.deleteKeys(uri, prefix);
    }

    private ParleyRedis node(String name) {
        return ParleyRedis.connect(RedisTests.options(uri, prefix, name, TTL));
    }

    @Test
    void nodesWithoutAWantedIdTakeTheLowestFreeOnes() {
        try (ParleyRedis a = node("a"); ParleyRedis b = node("b"); ParleyRedis c = node("c")) {
            assertEquals(0, a.claimNodeId(OptionalInt.empty()));
            assertEquals(5, b.claimNodeId(OptionalInt.of(5)));
            assertEquals(1, c.claimNodeId(OptionalInt.empty()));
        }
    }

    @Test
    void anIdHeldByALiveNodeIsRefusedAfterWaitingOutTheTtl() {
        try (ParleyRedis a = node("holder"); ParleyRedis b = node("second")) {
            assertEquals(3, a.claimNodeId(OptionalInt.of(3)));
            long start = System.nanoTime();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.claimNodeId(OptionalInt.of(3)));
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(e.getMessage().contains("node id 3 is in use by another live node (holder/"), e.getMessage());
            assertTrue(waited >= TTL.toMillis(), "the holder kept renewing for the whole TTL: waited " + waited + " ms");
            assertEquals(4, b.claimNodeId(OptionalInt.of(4)), "a refused claim leaves the node free to take another");
        }
    }

    @Test
    void anIdIsFreeAgainOnceItsNodeCloses() {
        try (ParleyRedis b = node("later")) {
            try (ParleyRedis a = node("first")) {
                assertEquals(0, a.claimNodeId(OptionalInt.empty()));
            }
            long start = System.nanoTime();
            assertEquals(0, b.claimNodeId(OptionalInt.of(0)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < TTL.toMillis(),
                    "closing freed the id at once rather than by expiry");
        }
    }

    @Test
    void aWantedIdOutsideZeroToThirtyOneIsRefused() {
        try (ParleyRedis a = node("range")) {
            assertThrows(IllegalArgumentException.class, () -> a.claimNodeId(OptionalInt.of(32)));
        }
    }
}
