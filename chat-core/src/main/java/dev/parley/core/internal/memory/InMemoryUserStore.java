package dev.parley.core.internal.memory;

import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.UserStore;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * Internal {@link UserStore} kept in a map, lost at exit. Thread-safe: users are keyed by the
 * lower-cased username in a concurrent map, so {@code putIfAbsent} makes the uniqueness check and
 * the insert one atomic step, and {@code computeIfPresent} an update; the record keeps the case the
 * user registered with.
 */
public final class InMemoryUserStore implements UserStore {

    private final ConcurrentMap<String, StoredUser> byFoldedName = new ConcurrentHashMap<>();

    @Override
    public boolean create(StoredUser user) {
        Objects.requireNonNull(user, "user");
        return byFoldedName.putIfAbsent(fold(user.user().username()), user) == null;
    }

    @Override
    public Optional<StoredUser> find(String username) {
        Objects.requireNonNull(username, "username");
        return Optional.ofNullable(byFoldedName.get(fold(username)));
    }

    @Override
    public Optional<StoredUser> update(String username, UnaryOperator<StoredUser> change) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(change, "change");
        return Optional.ofNullable(byFoldedName.computeIfPresent(fold(username), (key, stored) -> {
            StoredUser changed = Objects.requireNonNull(change.apply(stored), "changed user");
            if (!changed.user().username().equals(stored.user().username()) || !changed.user().id().equals(stored.user().id())) {
                throw new IllegalArgumentException("an update cannot change a user's username or id");
            }
            return changed;
        }));
    }

    private static String fold(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
