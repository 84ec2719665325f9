package dev.parley.core.spi;

import dev.parley.core.internal.memory.InProcessBus;

import java.util.function.Consumer;

/**
 * Carries {@link BusEvent}s between the nodes of a cluster. A node delivers its own events to its
 * own clients directly and publishes them here for the others; delivery through the bus may be
 * lost or late, so the engine fills any gap in a room's seq from the {@link MessageStore}.
 *
 * <p>Implementations are thread-safe. Listeners are called in the order one node published the
 * events, on the bus's own thread (the in-process bus: on the publisher's thread), and must not
 * block. The engine never publishes while holding a lock of its own, so a synchronous bus is safe.
 */
public interface ClusterBus extends AutoCloseable {

    /** Publishes an event to every node (the publisher's listeners may receive it too). */
    void publish(BusEvent event);

    /**
     * Registers a listener for events from every node.
     *
     * @return a handle that removes the listener when closed
     */
    AutoCloseable subscribe(Consumer<BusEvent> listener);

    /**
     * Registers an action to run each time the bus is connected again after an outage, once its
     * subscriptions are back in place. Events published meanwhile may have been lost, so the engine
     * then reads from the store whatever its rooms missed. Runs on the bus's own thread and must not
     * block. The default, for a bus that cannot disconnect, never runs it.
     *
     * @return a handle that removes the action when closed
     */
    default AutoCloseable onReconnect(Runnable action) {
        return () -> {
        };
    }

    /** {@code "UP"} while the bus is connected, else {@code "down: "} and a short reason. */
    default String status() {
        return "UP";
    }

    /** Releases the bus's resources. */
    @Override
    default void close() {
    }

    /**
     * A bus within one JVM: every engine built with the same instance sees the others' events.
     * With one engine it carries nothing, which is the single-node default.
     */
    static ClusterBus inProcess() {
        return new InProcessBus();
    }
}
