package dev.parley.core.internal.memory;

import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.Listeners;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Internal {@link ClusterBus} within one JVM: {@link #publish} hands the event to every
 * subscribed listener, the publisher's own included, synchronously on the publishing thread, so
 * each publishing thread's events arrive in the order it published them. With a single engine,
 * which ignores its own events, it carries nothing.
 *
 * <p>Thread-safe: listeners sit in a copy-on-write list, so publishing never waits on
 * subscribing. Events published concurrently from several threads may reach a listener
 * concurrently. A listener that throws is logged and the others still receive the event. The
 * bus holds no resources: {@link #close()} does nothing, and listeners leave through the handle
 * {@link #subscribe} returned, so engines sharing one bus can close independently.
 */
public final class InProcessBus implements ClusterBus {


    private final Listeners<Consumer<BusEvent>> listeners = new Listeners<>();

    @Override
    public void publish(BusEvent event) {
        Objects.requireNonNull(event, "event");
        listeners.forEach(l -> l.accept(event),
                () -> event.getClass().getSimpleName() + " from " + event.origin());
    }

    @Override
    public AutoCloseable subscribe(Consumer<BusEvent> listener) {
        return listeners.add(listener);
    }
}
