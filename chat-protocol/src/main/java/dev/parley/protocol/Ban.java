package dev.parley.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ban in force in a room, as {@code GET /api/rooms/{id}/bans} lists it:
 * {@code {"username","by","until","reason"}} ({@code until} and {@code reason} are {@code null}
 * when none was given).
 *
 * @param username the banned user
 * @param by       who banned them
 * @param until    when the ban lapses by itself; absent: until it is lifted
 * @param reason   why, if the moderator said
 */
public record Ban(String username, String by, Optional<Instant> until, Optional<String> reason) {
    public Ban {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
    }
}
