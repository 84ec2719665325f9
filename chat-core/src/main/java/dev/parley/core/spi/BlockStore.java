package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryBlockStore;

import java.util.List;

/**
 * Who blocked whom: a user's blocks refuse the blocked users' direct messages to them. Usernames
 * are compared without regard to case ({@code Alice} blocked is {@code alice} blocked); a block keeps
 * the blocked user's name in the case it was given.
 *
 * <p>Implementations are thread-safe and keep no copy of their own between calls, so that every
 * process sharing a store sees a block at once. The contract suite in chat-core's test-jar
 * ({@code BlockStoreContract}) pins this behaviour.
 */
public interface BlockStore {

    /**
     * Records that {@code blocker} blocks {@code blocked}.
     *
     * @return false, changing nothing, when that block exists already
     */
    boolean block(String blocker, String blocked);

    /**
     * Lifts a block.
     *
     * @return false, changing nothing, when there was none
     */
    boolean unblock(String blocker, String blocked);

    /** Whether {@code blocker} blocks {@code blocked}. */
    boolean isBlocked(String blocker, String blocked);

    /** The users {@code blocker} blocks, ordered by name without regard to case. */
    List<String> blockedBy(String blocker);

    /** The default: blocks kept in memory, lost at exit. */
    static BlockStore inMemory() {
        return new InMemoryBlockStore();
    }
}
