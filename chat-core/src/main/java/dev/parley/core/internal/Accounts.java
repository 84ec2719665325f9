package dev.parley.core.internal;

import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.User;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Registration, login, tokens and container principals: who a caller is. */
final class Accounts {
    private final UserStore users;
    private final Tokens tokens;
    private final Passwords passwords;
    private final RateLimiter loginFailures;
    private final Clock clock;

    Accounts(UserStore users, Tokens tokens, Passwords passwords, RateLimiter loginFailures, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.loginFailures = loginFailures;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    User register(String username, String password) {
        InputRules.username(username);
        InputRules.password(password);
        if (users.find(username).isPresent()) {
            throw ChatException.conflict("username " + username + " is taken");
        }
        User user = new User(UUID.randomUUID().toString(), username, now());
        if (!users.create(new StoredUser(user, Optional.of(passwords.hash(password))))) {
            throw ChatException.conflict("username " + username + " is taken");
        }
        return user;
    }

    LoginResult login(String username, String password) {
        if (username == null || password == null) {
            throw ChatException.unauthorized("invalid username or password");
        }
        String key = InputRules.key(username);
        if (!loginFailures.available(key)) {
            throw ChatException.rateLimited("too many failed logins for " + username + ", try again later");
        }
        Optional<StoredUser> stored = users.find(username);
        boolean ok;
        if (stored.isPresent() && stored.get().passwordHash().isPresent()) {
            ok = passwords.verify(password, stored.get().passwordHash().get());
        } else {
            passwords.verifyNothing(password);
            ok = false;
        }
        if (!ok) {
            loginFailures.tryAcquire(key);
            throw ChatException.unauthorized("invalid username or password");
        }
        User user = stored.get().user();
        Tokens.Issued issued = tokens.issue(user.username(), stored.get().tokenGeneration());
        return new LoginResult(issued.token(), issued.expiresAt(), user);
    }

    /** A user by name, ignoring case; NOT_FOUND if unknown. */
    StoredUser find(String username) {
        Optional<StoredUser> found = username == null ? Optional.empty() : users.find(username);
        return found.orElseThrow(() -> ChatException.notFound("user " + username + " not found"));
    }

    /** A user's display name; empty when none is set or the user is unknown. */
    Optional<String> displayName(String username) {
        return users.find(username).flatMap(u -> u.user().displayName());
    }

    User authenticate(String token) {
        return userOf(tokens.verify(token));
    }

    /** The token's id, for a connection opened with it (so that logout closes the connection). */
    String tokenId(String token) {
        Tokens.Claims claims = tokens.verify(token);
        userOf(claims);
        return claims.tokenId();
    }

    /**
     * The token's user, if the token still holds: a token of an older generation than the user's
     * (issued before a password change) is refused unless it is the one that change kept.
     */
    private User userOf(Tokens.Claims claims) {
        StoredUser stored = users.find(claims.username())
                .orElseThrow(() -> ChatException.unauthorized("unknown user"));
        if (!holds(stored, claims)) {
            throw ChatException.unauthorized("token revoked (the password was changed)");
        }
        return stored.user();
    }

    private static boolean holds(StoredUser stored, Tokens.Claims claims) {
        return claims.generation() >= stored.tokenGeneration()
                || stored.keptTokenId().equals(Optional.of(claims.tokenId()));
    }

    User principal(String username) {
        if (!InputRules.isUsername(username)) {
            throw ChatException.forbidden("the authenticated principal's name is not a valid Parley username");
        }
        Optional<StoredUser> found = users.find(username);
        if (found.isPresent()) {
            return found.get().user();
        }
        User user = new User(UUID.randomUUID().toString(), username, now());
        if (users.create(new StoredUser(user, Optional.empty()))) {
            return user;
        }
        return users.find(username)
                .orElseThrow(() -> ChatException.unavailable("user " + username + " vanished from the store", null))
                .user();
    }

    /** Whether the token no longer holds: logged out, expired, or revoked by a password change. */
    boolean isRevoked(String token) {
        try {
            tokenId(token);
            return false;
        } catch (ChatException e) {
            return true;
        }
    }

    /** Revokes the token and returns what it said. */
    Tokens.Claims logout(String token) {
        Tokens.Claims claims = tokens.verify(token);
        tokens.revoke(claims);
        return claims;
    }
}
