package dev.parley.core.internal.memory;

import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private static final System.Logger LOG = System.getLogger(InProcessBus.class.getName());

    private final List<Consumer<BusEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(BusEvent event) {
        Objects.requireNonNull(event, "event");
        for (Consumer<BusEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "a bus listener failed on " + event.getClass().getSimpleName() + " from " + event.origin(), e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<BusEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        // A private wrapper, so that the same listener subscribed twice is removed once per handle.
        Consumer<BusEvent> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }
}
