package dev.parley.core.internal.memory;

import dev.parley.core.spi.TokenStore;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Internal {@link TokenStore} kept in memory, so tokens do not survive a restart. Thread-safe:
 * the signing key is created under the instance's monitor, so {@code generate} runs at most once;
 * revocations live in a concurrent map.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private byte[] signingKey; // guarded by this

    @Override
    public synchronized byte[] signingKey(Supplier<byte[]> generate) {
        Objects.requireNonNull(generate, "generate");
        if (signingKey == null) {
            byte[] generated = Objects.requireNonNull(generate.get(), "generated key");
            if (generated.length == 0) {
                throw new IllegalArgumentException("the generated signing key is empty");
            }
            signingKey = generated.clone();
        }
        return signingKey.clone();
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        // A token revoked twice stays revoked until the later of the two expiries.
        revokedUntil.merge(tokenId, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        return revokedUntil.containsKey(tokenId);
    }

    @Override
    public void purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        revokedUntil.values().removeIf(expiresAt -> expiresAt.isBefore(now));
    }
}
