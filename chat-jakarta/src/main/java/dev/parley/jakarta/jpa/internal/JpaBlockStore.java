package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.BlockStore;

import java.util.List;
import java.util.Objects;

/**
 * {@link BlockStore} over JPA: one row per block, keyed by the two lower-cased names. A block
 * checks for the row first and, should another process insert the same pair in between, the key
 * violation also answers false. Nothing is cached, so every process sharing the database sees a
 * block at once.
 */
public final class JpaBlockStore implements BlockStore {

    private final Transactions tx;

    public JpaBlockStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean block(String blocker, String blocked) {
        BlockEntity row = new BlockEntity(Objects.requireNonNull(blocker, "blocker"), Objects.requireNonNull(blocked, "blocked"));
        return tx.inTransaction(em -> {
            if (em.find(BlockEntity.class, new BlockEntity.Key(row.blockerKey, row.blockedKey)) != null) {
                return false;
            }
            em.persist(row);
            em.flush();
            return true;
        }, () -> false);
    }

    @Override
    public boolean unblock(String blocker, String blocked) {
        String blockerKey = UserEntity.key(Objects.requireNonNull(blocker, "blocker"));
        String blockedKey = UserEntity.key(Objects.requireNonNull(blocked, "blocked"));
        return tx.inTransaction(em -> em.createQuery(
                        "DELETE FROM ParleyBlock b WHERE b.blockerKey = :blocker AND b.blockedKey = :blocked")
                .setParameter("blocker", blockerKey)
                .setParameter("blocked", blockedKey)
                .executeUpdate() > 0);
    }

    @Override
    public boolean isBlocked(String blocker, String blocked) {
        BlockEntity.Key key = new BlockEntity.Key(UserEntity.key(Objects.requireNonNull(blocker, "blocker")),
                UserEntity.key(Objects.requireNonNull(blocked, "blocked")));
        return tx.inTransaction(em -> em.find(BlockEntity.class, key) != null);
    }

    @Override
    public List<String> blockedBy(String blocker) {
        String blockerKey = UserEntity.key(Objects.requireNonNull(blocker, "blocker"));
        return tx.inTransaction(em -> em.createQuery(
                        "SELECT b.blocked FROM ParleyBlock b WHERE b.blockerKey = :blocker ORDER BY b.blockedKey", String.class)
                .setParameter("blocker", blockerKey)
                .getResultList());
    }
}
