package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.UserStore;

import jakarta.persistence.LockModeType;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link UserStore} over JPA. Case-insensitive uniqueness is the primary key on the lower-cased
 * name: {@link #create} checks it first and, should another process insert the same name in
 * between, the key violation also answers false. {@link #update} reads the row with a write lock
 * ({@code SELECT ... FOR UPDATE}), so that concurrent updates of one user, from any process, follow
 * one another.
 */
public final class JpaUserStore implements UserStore {

    private final Transactions tx;

    public JpaUserStore(Transactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean create(StoredUser user) {
        Objects.requireNonNull(user, "user");
        UserEntity entity = new UserEntity(user);
        return tx.inTransaction(em -> {
            if (em.find(UserEntity.class, entity.usernameKey) != null) {
                return false;
            }
            em.persist(entity);
            em.flush();
            return true;
        }, () -> false);
    }

    @Override
    public Optional<StoredUser> find(String username) {
        Objects.requireNonNull(username, "username");
        return tx.inTransaction(em -> Optional.ofNullable(em.find(UserEntity.class, UserEntity.key(username)))
                .map(UserEntity::toStoredUser));
    }

    @Override
    public Optional<StoredUser> update(String username, UnaryOperator<StoredUser> change) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(change, "change");
        return tx.inTransaction(em -> {
            UserEntity row = em.find(UserEntity.class, UserEntity.key(username), LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                return Optional.empty();
            }
            StoredUser stored = row.toStoredUser();
            StoredUser changed = Objects.requireNonNull(change.apply(stored), "changed user");
            if (!changed.user().username().equals(stored.user().username()) || !changed.user().id().equals(stored.user().id())) {
                throw new IllegalArgumentException("an update cannot change a user's username or id");
            }
            if (!changed.equals(stored)) {
                row.apply(changed);
                em.flush();
            }
            return Optional.of(changed);
        });
    }
}
