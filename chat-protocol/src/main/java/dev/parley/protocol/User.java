package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered user. {@code username} keeps the case it was registered with; Parley compares
 * usernames without regard to case, so {@code Alice} and {@code alice} are one user.
 *
 * @param id        opaque unique id
 * @param username  the name, matching {@code [A-Za-z0-9_.-]{3,32}}
 * @param createdAt when the user registered
 */
public record User(String id, String username, Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
