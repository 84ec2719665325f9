package dev.parley.core.spi.contract;

import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link UserStore} promises. A subclass supplies the store; each test gets
 * a fresh one from {@link #newStore()}, which may reuse a database but must return an empty store.
 */
public abstract class UserStoreContract {

    /** A fixed time, in whole milliseconds so that it survives a round-trip through a database. */
    protected static final Instant BASE = Instant.parse("2024-05-01T10:00:00.123Z");

    /** A new, empty store; called once before each test. */
    protected abstract UserStore newStore();

    private UserStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static StoredUser user(String id, String name, String hash) {
        return new StoredUser(new User(id, name, BASE), Optional.ofNullable(hash));
    }

    @Test
    void createdUserIsFoundWithEveryField() {
        StoredUser alice = user("u-1", "Alice", "$2a$10$hash");
        assertTrue(store.create(alice));
        assertEquals(Optional.of(alice), store.find("Alice"));
    }

    @Test
    void findIgnoresCaseAndReturnsTheRegisteredCase() {
        store.create(user("u-1", "Alice", "h"));
        assertEquals("Alice", store.find("alice").orElseThrow().user().username());
        assertEquals("Alice", store.find("ALICE").orElseThrow().user().username());
        assertEquals("u-1", store.find("aLiCe").orElseThrow().user().id());
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        assertTrue(store.create(user("u-1", "Alice", "first")));
        assertFalse(store.create(user("u-2", "ALICE", "second")));
        assertFalse(store.create(user("u-3", "alice", "third")));
        StoredUser kept = store.find("alice").orElseThrow();
        assertEquals("u-1", kept.user().id());
        assertEquals(Optional.of("first"), kept.passwordHash());
    }

    @Test
    void unknownUserIsEmpty() {
        store.create(user("u-1", "Alice", "h"));
        assertEquals(Optional.empty(), store.find("bob"));
        assertEquals(Optional.empty(), store.find("Alic"));
    }

    @Test
    void userWithoutPasswordKeepsAnEmptyHash() {
        assertTrue(store.create(user("u-1", "container.user", null)));
        assertEquals(Optional.empty(), store.find("container.user").orElseThrow().passwordHash());
    }

    @Test
    void differentNamesAreDifferentUsers() {
        assertTrue(store.create(user("u-1", "alice", "a")));
        assertTrue(store.create(user("u-2", "bob", "b")));
        assertEquals("u-1", store.find("alice").orElseThrow().user().id());
        assertEquals("u-2", store.find("bob").orElseThrow().user().id());
    }

    @Test
    @Timeout(120)
    void concurrentCreatesOfOneNameInDifferentCasesLetExactlyOneWin() throws Exception {
        String[] spellings = {"carol", "Carol", "CAROL", "cArOl", "caroL", "CaRoL", "carOL", "CAROl"};
        List<Boolean> created = Together.run(spellings.length,
                i -> () -> store.create(user("u-" + i, spellings[i], "h" + i)));
        assertEquals(1, created.stream().filter(b -> b).count(), "exactly one create wins: " + created);
        int winner = created.indexOf(true);
        StoredUser kept = store.find("carol").orElseThrow();
        assertEquals("u-" + winner, kept.user().id());
        assertEquals(spellings[winner], kept.user().username());
    }

    @Test
    void updateStoresTheDisplayNameAndTheTokenGenerationFoundAfterwards() {
        store.create(user("u-1", "Alice", "old-hash"));
        StoredUser named = store.update("alice", u -> u.withUser(u.user().withDisplayName(Optional.of("Alice Liddell"))))
                .orElseThrow();
        assertEquals(Optional.of("Alice Liddell"), named.user().displayName());
        assertEquals(named, store.find("ALICE").orElseThrow());

        StoredUser changed = store.update("Alice", u -> u.withPassword("new-hash", Optional.of("token-7"))).orElseThrow();
        StoredUser found = store.find("alice").orElseThrow();
        assertEquals(changed, found);
        assertEquals(Optional.of("new-hash"), found.passwordHash());
        assertEquals(1, found.tokenGeneration());
        assertEquals(Optional.of("token-7"), found.keptTokenId());
        assertEquals(Optional.of("Alice Liddell"), found.user().displayName(), "the display name stays");

        store.update("alice", u -> u.withUser(u.user().withDisplayName(Optional.empty())));
        assertEquals(Optional.empty(), store.find("alice").orElseThrow().user().displayName());
        assertEquals(Optional.of("token-7"), store.find("alice").orElseThrow().keptTokenId());
    }

    @Test
    void updateOfAnUnknownUserIsEmptyAndCallsNothing() {
        store.create(user("u-1", "alice", "h"));
        assertEquals(Optional.empty(), store.update("bob", u -> {
            throw new AssertionError("called for an unknown user");
        }));
        assertEquals(Optional.empty(), store.find("bob"));
    }

    @Test
    void updateReturningItsArgumentChangesNothing() {
        StoredUser alice = user("u-1", "alice", "h");
        store.create(alice);
        assertEquals(Optional.of(alice), store.update("alice", u -> u));
        assertEquals(Optional.of(alice), store.find("alice"));
    }

    @Test
    void updateCannotRenameAUser() {
        store.create(user("u-1", "alice", "h"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.update("alice", u -> new StoredUser(new User("u-1", "mallory", BASE), u.passwordHash())));
        assertEquals("alice", store.find("alice").orElseThrow().user().username());
        assertEquals(Optional.empty(), store.find("mallory"));
    }

    @Test
    @Timeout(120)
    void concurrentUpdatesOfOneUserAreEachApplied() throws Exception {
        store.create(user("u-1", "alice", "h0"));
        int n = 8;
        Together.run(n, i -> () -> store.update("alice", u -> u.withPassword("h", Optional.of("t-" + i))));
        assertEquals(n, store.find("alice").orElseThrow().tokenGeneration(), "no update was lost");
    }
}
