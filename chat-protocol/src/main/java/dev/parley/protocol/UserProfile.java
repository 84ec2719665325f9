package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What any user may see of another: name, display name, registration time and presence.
 *
 * @param username    the user
 * @param createdAt   when the user registered
 * @param online      whether the user has at least one live connection
 * @param displayName the user's display name; empty when none is set
 */
public record UserProfile(String username, Instant createdAt, boolean online, Optional<String> displayName) {
    public UserProfile {
        Objects.requireNonNull(displayName, "displayName");
    }

    /** A profile with no display name. */
    public UserProfile(String username, Instant createdAt, boolean online) {
        this(username, createdAt, online, Optional.empty());
    }
}
