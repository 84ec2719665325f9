package dev.parley.core.engine;

import dev.parley.core.internal.memory.InMemoryPresence;
import dev.parley.core.spi.ClusterBus;

import java.time.Duration;

/** Runs the {@link ClusterContract} on three engines in one JVM: the in-process bus and in-memory presence. */
class InProcessClusterTest extends ClusterContract {
    private final ClusterBus bus = ClusterBus.inProcess();
    private final InMemoryPresence presence = new InMemoryPresence();

    @Override
    protected Wiring wire(String nodeName) {
        return new Wiring(bus, presence.node(nodeName));
    }

    @Override
    protected Duration deathNoticeBound() {
        // An in-JVM node is known dead at once; this is the announcement's trip through the engine.
        return Duration.ofSeconds(1);
    }
}
