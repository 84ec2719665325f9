package dev.parley.core.spi;

import dev.parley.protocol.User;

import java.util.Objects;
import java.util.Optional;

/**
 * A user as a {@link UserStore} keeps it: the public record and the password hash.
 *
 * @param user         the user
 * @param passwordHash the slow salted hash of the password; empty for a user known only by the
 *                     container's principal, who cannot log in with a password
 */
public record StoredUser(User user, Optional<String> passwordHash) {
    public StoredUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }
}
