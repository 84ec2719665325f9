package dev.parley.protocol;

import java.time.Instant;

/**
 * What any user may see of another: name, registration time and presence.
 *
 * @param username  the user
 * @param createdAt when the user registered
 * @param online    whether the user has at least one live connection
 */
public record UserProfile(String username, Instant createdAt, boolean online) {
}
