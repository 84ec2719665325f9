package dev.parley.core.spi.contract;

import dev.parley.core.spi.BlockStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link BlockStore} promises. A subclass supplies the store; each test gets a
 * fresh one from {@link #newStore()}, which may reuse a database but must return an empty store.
 */
public abstract class BlockStoreContract {

    /** A new, empty store; called once before each test. */
    protected abstract BlockStore newStore();

    private BlockStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void aBlockIsOneWay() {
        assertTrue(store.block("alice", "bob"));
        assertTrue(store.isBlocked("alice", "bob"));
        assertFalse(store.isBlocked("bob", "alice"));
        assertEquals(List.of("bob"), store.blockedBy("alice"));
        assertEquals(List.of(), store.blockedBy("bob"));
    }

    @Test
    void blockingTwiceIsANoOp() {
        assertTrue(store.block("alice", "bob"));
        assertFalse(store.block("alice", "BOB"), "the same block, in another case");
        assertEquals(List.of("bob"), store.blockedBy("alice"));
    }

    @Test
    void namesAreComparedWithoutRegardToCaseAndKeepTheirCase() {
        store.block("Alice", "Bob");
        assertTrue(store.isBlocked("alice", "bob"));
        assertTrue(store.isBlocked("ALICE", "BOB"));
        assertEquals(List.of("Bob"), store.blockedBy("aLiCe"));
    }

    @Test
    void unblockLiftsOnlyThatBlock() {
        store.block("alice", "bob");
        store.block("alice", "carol");
        store.block("dave", "bob");
        assertTrue(store.unblock("alice", "Bob"));
        assertFalse(store.isBlocked("alice", "bob"));
        assertTrue(store.isBlocked("alice", "carol"));
        assertTrue(store.isBlocked("dave", "bob"));
        assertFalse(store.unblock("alice", "bob"), "lifting it again changes nothing");
        assertFalse(store.unblock("nobody", "bob"));
    }

    @Test
    void blockedByIsOrderedByNameWithoutRegardToCase() {
        for (String name : List.of("zed", "Carol", "bob", "Dave", "amy")) {
            store.block("alice", name);
        }
        assertEquals(List.of("amy", "bob", "Carol", "Dave", "zed"), store.blockedBy("alice"));
    }

    @Test
    @Timeout(120)
    void concurrentBlocksOfOnePairLetExactlyOneWin() throws Exception {
        String[] spellings = {"bob", "Bob", "BOB", "bOb", "boB", "BoB", "bOB", "BOb"};
        List<Boolean> created = Together.run(spellings.length, i -> () -> store.block("alice", spellings[i]));
        assertEquals(1, created.stream().filter(b -> b).count(), "exactly one block is new: " + created);
        assertEquals(1, store.blockedBy("alice").size());
    }

    @Test
    @Timeout(120)
    void concurrentBlocksOfDifferentUsersAreAllKept() throws Exception {
        int n = 8;
        Together.run(n, i -> () -> store.block("alice", "user" + i));
        assertEquals(n, store.blockedBy("alice").size());
    }
}
