package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered user. {@code username} keeps the case it was registered with; Parley compares
 * usernames without regard to case, so {@code Alice} and {@code alice} are one user.
 *
 * @param id          opaque unique id
 * @param username    the name, matching {@code [A-Za-z0-9_.-]{3,32}}
 * @param createdAt   when the user registered
 * @param displayName the name the user chose to be shown by (1..64 characters, see
 *                    {@link InputRules#displayName}); empty when none is set, and clients show the username
 */
public record User(String id, String username, Instant createdAt, Optional<String> displayName) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** A user with no display name. */
    public User(String id, String username, Instant createdAt) {
        this(id, username, createdAt, Optional.empty());
    }

    /** This user with another display name (empty clears it). */
    public User withDisplayName(Optional<String> value) {
        return new User(id, username, createdAt, value);
    }
}
