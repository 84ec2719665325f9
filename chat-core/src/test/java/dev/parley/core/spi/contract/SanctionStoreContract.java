package dev.parley.core.spi.contract;

import dev.parley.core.spi.Sanction;
import dev.parley.core.spi.SanctionStore;
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
 * The behaviour every {@link SanctionStore} promises. A subclass supplies the store; each test gets
 * a fresh one from {@link #newStore()}, which may reuse a database but must return an empty store.
 */
@Timeout(60)
public abstract class SanctionStoreContract {

    /** A time in whole milliseconds, so that it survives a round trip through a database. */
    protected static final Instant LATER = Instant.parse("2030-01-02T03:04:05.678Z");

    /** A new, empty store; called once before each test. */
    protected abstract SanctionStore newStore();

    private SanctionStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Sanction ban(String room, String user, Optional<Instant> until, Optional<String> reason) {
        return new Sanction(Sanction.Kind.BAN, room, user, "mod", until, reason);
    }

    @Test
    void aStoredBanIsFoundWithEveryField() {
        Sanction b = ban("team", "bob", Optional.of(LATER), Optional.of("spam, again"));
        store.put(b);
        assertEquals(Optional.of(b), store.find(Sanction.Kind.BAN, "team", "bob"));
        assertEquals(List.of(b), store.list(Sanction.Kind.BAN, "team"));
    }

    @Test
    void aBanWithoutUntilOrReasonReadsBackEmpty() {
        Sanction b = ban("team", "bob", Optional.empty(), Optional.empty());
        store.put(b);
        assertEquals(Optional.of(b), store.find(Sanction.Kind.BAN, "team", "bob"));
    }

    @Test
    void kindsRoomsAndUsersAreApart() {
        store.put(ban("team", "bob", Optional.empty(), Optional.empty()));
        assertEquals(Optional.empty(), store.find(Sanction.Kind.MUTE, "team", "bob"));
        assertEquals(Optional.empty(), store.find(Sanction.Kind.BAN, "other", "bob"));
        assertEquals(Optional.empty(), store.find(Sanction.Kind.BAN, "team", "carol"));
        assertEquals(List.of(), store.list(Sanction.Kind.MUTE, "team"));
    }

    @Test
    void puttingAgainReplacesTheEarlierOne() {
        store.put(ban("team", "bob", Optional.empty(), Optional.of("first")));
        Sanction second = new Sanction(Sanction.Kind.BAN, "team", "bob", "owner", Optional.of(LATER), Optional.empty());
        store.put(second);
        assertEquals(List.of(second), store.list(Sanction.Kind.BAN, "team"));
    }

    @Test
    void listIsOrderedByUsername() {
        for (String user : List.of("carol", "alice", "bob")) {
            store.put(new Sanction(Sanction.Kind.MUTE, "team", user, "mod", Optional.empty(), Optional.empty()));
        }
        assertEquals(List.of("alice", "bob", "carol"),
                store.list(Sanction.Kind.MUTE, "team").stream().map(Sanction::username).toList());
    }

    @Test
    void removeTellsWhetherThereWasOne() {
        store.put(ban("team", "bob", Optional.empty(), Optional.empty()));
        assertTrue(store.remove(Sanction.Kind.BAN, "team", "bob"));
        assertFalse(store.remove(Sanction.Kind.BAN, "team", "bob"));
        assertEquals(Optional.empty(), store.find(Sanction.Kind.BAN, "team", "bob"));
        assertEquals(List.of(), store.list(Sanction.Kind.BAN, "team"));
    }

    @Test
    void concurrentPutsOfManyUsersAreAllKept() throws Exception {
        Together.run(8, i -> () -> {
            for (int n = 0; n < 10; n++) {
                store.put(new Sanction(Sanction.Kind.MUTE, "team", "user" + i + "-" + n, "mod", Optional.empty(),
                        Optional.empty()));
            }
            return null;
        });
        assertEquals(80, store.list(Sanction.Kind.MUTE, "team").size());
    }
}
