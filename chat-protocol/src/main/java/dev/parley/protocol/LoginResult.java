package dev.parley.protocol;

import java.time.Instant;

/**
 * A successful login: a signed bearer token and when it expires.
 *
 * @param token     the bearer token
 * @param expiresAt when the token stops being accepted
 * @param user      the user who logged in
 */
public record LoginResult(String token, Instant expiresAt, User user) {
}
