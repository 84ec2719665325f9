package dev.parley.core.spi;

import dev.parley.protocol.User;

import java.util.Objects;
import java.util.Optional;

/**
 * A user as a {@link UserStore} keeps it: the public record, the password hash and what decides
 * which of the user's tokens still hold.
 *
 * <p>Tokens carry the generation they were issued in. A password change starts a new generation:
 * every token of an older one is refused from then on, except {@code keptTokenId}, the token the
 * change was made with, so that the caller stays signed in.
 *
 * @param user            the user (with the display name)
 * @param passwordHash    the slow salted hash of the password; empty for a user known only by the
 *                        container's principal, who cannot log in with a password
 * @param tokenGeneration the generation tokens are issued in now; 0 until the first password change
 * @param keptTokenId     the id of the one token of an older generation that still holds, if any
 */
public record StoredUser(User user, Optional<String> passwordHash, int tokenGeneration, Optional<String> keptTokenId) {
    public StoredUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(keptTokenId, "keptTokenId");
        if (tokenGeneration < 0) {
            throw new IllegalArgumentException("tokenGeneration must be >= 0, got " + tokenGeneration);
        }
    }

    /** A user who never changed the password. */
    public StoredUser(User user, Optional<String> passwordHash) {
        this(user, passwordHash, 0, Optional.empty());
    }

    /** This user with another public record (a new display name); the username must stay. */
    public StoredUser withUser(User changed) {
        return new StoredUser(changed, passwordHash, tokenGeneration, keptTokenId);
    }

    /** This user with a new password hash, starting a new token generation in which only {@code keep} of the older ones holds. */
    public StoredUser withPassword(String hash, Optional<String> keep) {
        return new StoredUser(user, Optional.of(hash), tokenGeneration + 1, keep);
    }
}
