package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemorySanctionStore;

import java.util.List;
import java.util.Optional;

/**
 * The bans and mutes of every room, so that they survive a restart and hold on every node that
 * shares the store. At most one sanction of each kind per user and room. The engine passes
 * usernames exactly as registered, so a store compares them as plain strings, and it decides itself
 * whether a sanction has lapsed ({@link Sanction#inForce}), so a store keeps lapsed ones until they
 * are replaced or removed.
 *
 * <p>Implementations are thread-safe; each method is atomic and returns only once its write is
 * durable. The contract suite in chat-core's test-jar ({@code SanctionStoreContract}) pins this
 * behaviour.
 */
public interface SanctionStore {

    /** Stores a sanction, replacing the user's earlier one of the same kind in that room. */
    void put(Sanction sanction);

    /**
     * Removes the user's sanction of that kind in the room.
     *
     * @return false when there was none
     */
    boolean remove(Sanction.Kind kind, String roomId, String username);

    /** The user's sanction of that kind in the room, lapsed or not. */
    Optional<Sanction> find(Sanction.Kind kind, String roomId, String username);

    /** The room's sanctions of that kind, lapsed or not, ordered by username. */
    List<Sanction> list(Sanction.Kind kind, String roomId);

    /** The default: sanctions kept in memory, lost at exit. */
    static SanctionStore inMemory() {
        return new InMemorySanctionStore();
    }
}
