package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryUserStore;

import java.util.Optional;
import java.util.function.UnaryOperator;

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

    /**
     * Changes a stored user in one atomic step: {@code change} is given the user as stored now and
     * returns what to store instead, with no other update of that user in between (it may be called
     * again should a concurrent update intervene). Returning its argument stores nothing. The
     * username and id never change: a result with another username or id is refused with
     * {@link IllegalArgumentException}.
     *
     * @return the user as stored afterwards; empty, calling nothing, when there is no such user
     */
    Optional<StoredUser> update(String username, UnaryOperator<StoredUser> change);

    /** The default: users kept in memory, lost at exit. */
    static UserStore inMemory() {
        return new InMemoryUserStore();
    }
}
