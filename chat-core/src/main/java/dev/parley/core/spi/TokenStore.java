package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryTokenStore;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * What token handling needs to persist: the signing key (so tokens survive a restart) and the
 * ids of revoked tokens until they would have expired anyway.
 *
 * <p>Implementations are thread-safe. The contract suite in chat-core's test-jar
 * ({@code TokenStoreContract}) pins this behaviour.
 */
public interface TokenStore {

    /**
     * The signing key: the one stored, or {@code generate}'s result, stored first. Every caller,
     * in every process sharing the store, gets the same key.
     */
    byte[] signingKey(Supplier<byte[]> generate);

    /** Records that the token with this id is revoked; it would expire at {@code expiresAt}. */
    void revoke(String tokenId, Instant expiresAt);

    /** Whether the token with this id was revoked. */
    boolean isRevoked(String tokenId);

    /** Forgets revocations of tokens that expired before {@code now}. */
    void purgeExpired(Instant now);

    /** The default: kept in memory, so tokens do not survive a restart. */
    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }
}
