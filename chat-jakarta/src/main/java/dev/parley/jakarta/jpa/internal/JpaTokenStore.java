package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.TokenStore;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link TokenStore} over JPA. The signing key is one row under a fixed primary key: the first
 * process to insert it wins, and every caller reads back the stored row, so all processes sharing
 * the database sign with the same key.
 */
public final class JpaTokenStore implements TokenStore {

    private final Transactions tx;

    public JpaTokenStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public byte[] signingKey(Supplier<byte[]> generate) {
        Objects.requireNonNull(generate, "generate");
        byte[] stored = readKey();
        if (stored != null) {
            return stored;
        }
        byte[] fresh = Objects.requireNonNull(generate.get(), "generated key");
        if (fresh.length == 0) {
            throw new IllegalArgumentException("the generated signing key is empty");
        }
        tx.inTransaction(em -> {
            if (em.find(SigningKeyEntity.class, SigningKeyEntity.SLOT) == null) {
                em.persist(new SigningKeyEntity(fresh));
                em.flush();
            }
            return null;
        }, () -> null); // another process stored its key first: read that one back
        stored = readKey();
        if (stored == null) {
            throw new IllegalStateException("the signing key row vanished after it was stored");
        }
        return stored;
    }

    private byte[] readKey() {
        return tx.inTransaction(em -> {
            SigningKeyEntity row = em.find(SigningKeyEntity.class, SigningKeyEntity.SLOT);
            return row == null ? null : row.secret.clone();
        });
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        tx.inTransaction(em -> {
            RevokedTokenEntity row = em.find(RevokedTokenEntity.class, tokenId);
            if (row == null) {
                em.persist(new RevokedTokenEntity(tokenId, expiresAt));
            } else {
                row.extendTo(expiresAt);
            }
            em.flush();
            return null;
        }, () -> null); // revoked concurrently by another caller: it is revoked either way
    }

    @Override
    public boolean isRevoked(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        return tx.inTransaction(em -> em.find(RevokedTokenEntity.class, tokenId) != null);
    }

    @Override
    public void purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        tx.inTransaction(em -> em.createQuery("DELETE FROM ParleyRevokedToken t WHERE t.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate());
    }
}
