package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryUserStore;

import java.util.Optional;

/**
 * Users and their credentials. Usernames are unique without regard to case: an implementation
 * finds {@code Alice} when asked for {@code alice}, and refuses to create {@code ALICE} beside it.
 *
 * <p>Implementations are thread-safe. The contract suite in chat-core's test-jar
 * ({@code UserStoreContract}) pins this behaviour.
 */
public interface UserStore {

    /**
     * Stores a new user.
     *
     * @return false, storing nothing, when the username is taken (in any case)
     */
    boolean create(StoredUser user);

    /** Finds a user by name, ignoring case. */
    Optional<StoredUser> find(String username);

    /** The default: users kept in memory, lost at exit. */
    static UserStore inMemory() {
        return new InMemoryUserStore();
    }
}
