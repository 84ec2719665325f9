package dev.parley.core.spi;

import dev.parley.core.spi.contract.PresenceStoreContract;
import dev.parley.core.internal.memory.InMemoryPresence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the {@link PresenceStoreContract} against the in-memory cluster, and pins the single-node default. */
class InMemoryPresenceTest extends PresenceStoreContract {

    @Override
    protected Cluster newCluster() {
        return new InMemoryPresence()::node;
    }

    @Override
    protected Duration deathNoticeBound() {
        // A node in the same JVM is known dead at once.
        return Duration.ofMillis(500);
    }

    @Test
    void theDefaultIsANodeAloneThatNeverReports() {
        PresenceStore alone = PresenceStore.inMemory();
        List<String> heard = new CopyOnWriteArrayList<>();
        alone.subscribe((user, online) -> heard.add(user));
        assertTrue(alone.online("alice"));
        assertTrue(alone.isOnline("alice"));
        alone.close();
        assertEquals(List.of(), heard);
        assertFalse(PresenceStore.inMemory().isOnline("alice"), "each default is its own cluster");
    }
}
