package dev.parley.jakarta.jpa.internal;

import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.UserStore;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link UserStore} over JPA. Case-insensitive uniqueness is the primary key on the lower-cased
 * name: {@link #create} checks it first and, should another process insert the same name in
 * between, the key violation also answers false.
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
}
