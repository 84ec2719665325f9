package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryPresence;

import java.util.List;

/**
 * Who is online in the whole cluster. Each node holds one instance, which speaks for that node:
 * the engine tells it when a user's first connection on this node opens ({@link #online}) and when
 * the last one closes ({@link #offline}). A user is online while at least one live node has them,
 * so a user connected to two nodes stays online while either connection lives.
 *
 * <p>A node that dies without saying goodbye cannot take its users offline itself. Implementations
 * that span processes detect such a node (heartbeats with a time to live) and report its users
 * that went offline to the {@link Listener} of exactly one surviving node, which tells the rest of
 * the cluster. The same listener hears about changes the store finds when it reconciles after an
 * outage of its backend.
 *
 * <p>Usernames are passed as registered (the same spelling every time). Implementations are
 * thread-safe, and must not throw for an outage of their backend: they answer from this node's
 * own users meanwhile, and reconcile (reporting through the listener) once the backend is back.
 * The contract suite in chat-core's test-jar ({@code PresenceStoreContract}) pins this behaviour.
 *
 * <p>Lifecycle: {@link #close()} stops this node's part (heartbeats) without taking its users
 * offline, exactly as if the node had died; close the engine first, which takes them offline.
 */
public interface PresenceStore extends AutoCloseable {

    /**
     * This node has its first live connection of the user.
     *
     * @return whether the user was offline in the whole cluster until now (so the engine announces it)
     */
    boolean online(String username);

    /**
     * This node closed its last live connection of the user.
     *
     * @return whether the user is now offline in the whole cluster (so the engine announces it)
     */
    boolean offline(String username);

    /** Whether some live node has the user. */
    boolean isOnline(String username);

    /** The users some live node has, each once, ordered by name without regard to case. */
    List<String> onlineUsers();

    /**
     * Registers a listener for changes this node did not cause through {@link #online}/{@link #offline}:
     * users of a dead node going offline, and changes found while reconciling after an outage.
     *
     * @return a handle that removes the listener when closed
     */
    AutoCloseable subscribe(Listener listener);

    /** {@code "UP"}, or {@code "down: "} and a short reason while the backend is unreachable. */
    default String status() {
        return "UP";
    }

    /** Stops this node's part without taking its users offline (see the class comment). */
    @Override
    void close();

    /**
     * Hears about presence changes the store found by itself. Called on the store's own thread;
     * it must not block.
     */
    @FunctionalInterface
    interface Listener {
        /** The user came online or went offline in the whole cluster. */
        void changed(String username, boolean online);
    }

    /**
     * The default: presence of this node alone, kept in memory. Every user it knows lives on this
     * node, so it never reports anything to a listener.
     */
    static PresenceStore inMemory() {
        return new InMemoryPresence().node("local");
    }
}
