package dev.parley.core.spi.contract;

import dev.parley.core.spi.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link TokenStore} promises. A subclass supplies the store; each test gets
 * a fresh one from {@link #newStore()}, which may reuse a database but must return an empty store.
 */
public abstract class TokenStoreContract {

    /** A fixed time, in whole milliseconds so that it survives a round-trip through a database. */
    protected static final Instant BASE = Instant.parse("2024-05-01T10:00:00.123Z");

    /** A new, empty store; called once before each test. */
    protected abstract TokenStore newStore();

    /** The store under test, fresh for each test. */
    protected TokenStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void signingKeyIsWhatTheFirstGenerateGave() {
        byte[] key = randomKey();
        assertArrayEquals(key, store.signingKey(() -> key.clone()));
    }

    @Test
    void storedSigningKeyIsReturnedWithoutGeneratingAgain() {
        byte[] key = store.signingKey(TokenStoreContract::randomKey);
        byte[] again = store.signingKey(() -> {
            throw new AssertionError("a stored key must not be generated again");
        });
        assertArrayEquals(key, again);
    }

    @Test
    @Timeout(120)
    void signingKeyIsGeneratedOnceAndReturnedToEveryCaller() throws Exception {
        Set<String> generated = Collections.synchronizedSet(new HashSet<>());
        List<byte[]> keys = Together.run(8, t -> () -> store.signingKey(() -> {
            byte[] key = randomKey();
            generated.add(HexFormat.of().formatHex(key));
            return key;
        }));
        Set<String> returned = new HashSet<>();
        keys.forEach(k -> returned.add(HexFormat.of().formatHex(k)));
        assertEquals(1, returned.size(), "every caller gets the same key");
        assertTrue(generated.containsAll(returned), "the key is one that generate gave");
        assertArrayEquals(keys.get(0), store.signingKey(() -> {
            throw new AssertionError("a stored key must not be generated again");
        }));
    }

    @Test
    void aRevokedTokenIsRevoked() {
        store.revoke("t-1", BASE.plus(Duration.ofHours(1)));
        assertTrue(store.isRevoked("t-1"));
    }

    @Test
    void anUnknownTokenIsNotRevoked() {
        store.revoke("t-1", BASE.plus(Duration.ofHours(1)));
        assertFalse(store.isRevoked("t-2"));
    }

    @Test
    void revokingTwiceIsHarmless() {
        store.revoke("t-1", BASE.plus(Duration.ofHours(1)));
        store.revoke("t-1", BASE.plus(Duration.ofHours(1)));
        assertTrue(store.isRevoked("t-1"));
    }

    @Test
    void purgeExpiredForgetsOnlyRevocationsThatExpiredBeforeNow() {
        store.revoke("expired", BASE.minusSeconds(1));
        store.revoke("expiring-now", BASE);
        store.revoke("live", BASE.plus(Duration.ofHours(1)));
        store.purgeExpired(BASE);
        assertFalse(store.isRevoked("expired"));
        assertTrue(store.isRevoked("expiring-now"));
        assertTrue(store.isRevoked("live"));
    }

    @Test
    void purgeExpiredLaterForgetsTheRest() {
        store.revoke("a", BASE);
        store.revoke("b", BASE.plus(Duration.ofHours(1)));
        store.purgeExpired(BASE.plus(Duration.ofDays(1)));
        assertFalse(store.isRevoked("a"));
        assertFalse(store.isRevoked("b"));
    }

    @Test
    void purgeExpiredOfAnEmptyStoreIsHarmless() {
        store.purgeExpired(BASE);
        assertFalse(store.isRevoked("any"));
    }

    @Test
    void signingKeyAndRevocationsAreIndependent() {
        byte[] key = store.signingKey(TokenStoreContract::randomKey);
        store.revoke("t-1", BASE);
        store.purgeExpired(BASE.plus(Duration.ofDays(1)));
        assertArrayEquals(key, store.signingKey(() -> {
            throw new AssertionError("a stored key must not be generated again");
        }));
    }
}
