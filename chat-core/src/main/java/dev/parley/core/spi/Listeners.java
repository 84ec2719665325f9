package dev.parley.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The listeners of a bus or a presence store: registration through a handle, and delivery that
 * isolates one failing listener from the others. Thread-safe (copy-on-write, so delivering never
 * waits on a registration). Internal: public only so that chat-redis shares it.
 *
 * @param <T> the listener type
 */
public final class Listeners<T> {
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    /** One registration; compared by identity, so a listener added twice is removed once per handle. */
    private static final class Entry<T> {
        final T listener;

        Entry(T listener) {
            this.listener = listener;
        }
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @return a handle that removes this registration when closed
     */
    public AutoCloseable add(T listener) {
        Entry<T> entry = new Entry<>(Objects.requireNonNull(listener, "listener"));
        entries.add(entry);
        return () -> entries.remove(entry);
    }

    /**
     * Calls every listener in registration order; one that throws is logged with {@code what}
     * (computed only then) and the others are still called.
     */
    public void forEach(Consumer<? super T> call, Supplier<String> what) {
        for (Entry<T> entry : entries) {
            try {
                call.accept(entry.listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a listener failed on " + what.get(), e);
            }
        }
    }
}
