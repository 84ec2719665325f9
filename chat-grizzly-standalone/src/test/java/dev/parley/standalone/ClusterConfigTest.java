package dev.parley.standalone;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster part of {@link StandaloneConfig}: what it refuses and what it keeps out of logs. */
class ClusterConfigTest {

    @Test
    void clusterDefaultsToAFreeNodeIdATenSecondTtlAndThePrefixParley() {
        StandaloneConfig.Cluster c = StandaloneConfig.Cluster.on("redis://127.0.0.1:6379");
        assertEquals(OptionalInt.empty(), c.nodeId());
        assertEquals(Duration.ofSeconds(10), c.presenceTtl());
        assertEquals("parley", c.keyPrefix());
        assertTrue(StandaloneConfig.defaults().cluster().isEmpty(), "a server is on its own by default");
    }

    @Test
    void clusterNeedsASharedDatabaseNotInMemoryStorage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder()
                .inMemory().cluster(StandaloneConfig.Cluster.on("redis://127.0.0.1:6379")).build());
        assertTrue(e.getMessage().contains("share one database"), e.getMessage());
        StandaloneConfig ok = StandaloneConfig.builder().database("jdbc:postgresql://db/parley", Optional.empty(),
                Optional.empty()).cluster(StandaloneConfig.Cluster.on("redis://127.0.0.1:6379")).build();
        assertTrue(ok.cluster().isPresent());
        assertEquals(ok, ok.toBuilder().build(), "toBuilder keeps the cluster");
    }

    @Test
    void badClusterValuesAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> new StandaloneConfig.Cluster("http://x:6379",
                OptionalInt.empty(), Duration.ofSeconds(10), "parley"));
        assertThrows(IllegalArgumentException.class, () -> new StandaloneConfig.Cluster("redis://x:6379",
                OptionalInt.of(32), Duration.ofSeconds(10), "parley"));
        assertThrows(IllegalArgumentException.class, () -> new StandaloneConfig.Cluster("redis://x:6379",
                OptionalInt.empty(), Duration.ofMillis(500), "parley"));
        assertThrows(IllegalArgumentException.class, () -> new StandaloneConfig.Cluster("redis://x:6379",
                OptionalInt.empty(), Duration.ofSeconds(10), "two words"));
    }

    @Test
    void redisPasswordStaysOutOfTheTextForm() {
        StandaloneConfig.Cluster c = StandaloneConfig.Cluster.on("redis://user:hunter22@cache:6379/1");
        assertFalse(c.toString().contains("hunter22"), c.toString());
        assertEquals("redis://user:***@cache:6379/1", c.safeRedisUri());
    }
}
