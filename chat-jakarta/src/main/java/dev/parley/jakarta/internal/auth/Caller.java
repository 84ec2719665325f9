package dev.parley.jakarta.internal.auth;

import dev.parley.protocol.User;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * An authenticated caller: the Parley user and the token it came with (empty when the container
 * authenticated it). It is also the {@link Principal} the REST layer puts in the request's
 * security context, so resources read the caller from there.
 *
 * @param user  the Parley user
 * @param token the bearer token, if the caller presented one
 */
public record Caller(User user, Optional<String> token) implements Principal {
    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String getName() {
        return user.username();
    }
}
