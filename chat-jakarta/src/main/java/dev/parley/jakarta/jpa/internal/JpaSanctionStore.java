package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.Sanction;
import dev.parley.core.spi.SanctionStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link SanctionStore} over JPA: the table {@code parley_sanctions}, one transaction per call. */
public final class JpaSanctionStore implements SanctionStore {

    private final Transactions tx;

    public JpaSanctionStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void put(Sanction sanction) {
        Objects.requireNonNull(sanction, "sanction");
        if (!tryPut(sanction)) {
            // Another caller inserted the same key first: replace its terms with ours.
            tryPut(sanction);
        }
    }

    private boolean tryPut(Sanction s) {
        return tx.inTransaction(em -> {
            SanctionEntity row = em.find(SanctionEntity.class, new SanctionEntity.Key(s.kind(), s.room(), s.username()));
            if (row == null) {
                em.persist(new SanctionEntity(s));
            } else {
                row.replaceWith(s);
            }
            em.flush();
            return true;
        }, () -> false);
    }

    @Override
    public boolean remove(Sanction.Kind kind, String roomId, String username) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        return tx.inTransaction(em -> em.createQuery(
                        "DELETE FROM ParleySanction s WHERE s.kind = :k AND s.roomId = :r AND s.username = :u")
                .setParameter("k", kind)
                .setParameter("r", roomId)
                .setParameter("u", username)
                .executeUpdate() > 0);
    }

    @Override
    public Optional<Sanction> find(Sanction.Kind kind, String roomId, String username) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(username, "username");
        return tx.inTransaction(em -> Optional.ofNullable(
                em.find(SanctionEntity.class, new SanctionEntity.Key(kind, roomId, username))).map(SanctionEntity::toSanction));
    }

    @Override
    public List<Sanction> list(Sanction.Kind kind, String roomId) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(roomId, "roomId");
        return tx.inTransaction(em -> em.createQuery(
                        "SELECT s FROM ParleySanction s WHERE s.kind = :k AND s.roomId = :r ORDER BY s.username",
                        SanctionEntity.class)
                .setParameter("k", kind)
                .setParameter("r", roomId)
                .getResultStream().map(SanctionEntity::toSanction).toList());
    }
}
