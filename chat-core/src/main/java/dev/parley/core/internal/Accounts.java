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
        Tokens.Issued issued = tokens.issue(user.username());
        return new LoginResult(issued.token(), issued.expiresAt(), user);
    }

    /** A user by name, ignoring case; NOT_FOUND if unknown. */
    StoredUser find(String username) {
        Optional<StoredUser> found = username == null ? Optional.empty() : users.find(username);
        return found.orElseThrow(() -> ChatException.notFound("user " + username + " not found"));
    }

    User authenticate(String token) {
        return userOf(tokens.verify(token));
    }

    /** The token's id, for a connection opened with it (so that logout closes the connection). */
    String tokenId(String token) {
        return tokens.verify(token).tokenId();
    }

    private User userOf(Tokens.Claims claims) {
        return users.find(claims.username())
                .orElseThrow(() -> ChatException.unauthorized("unknown user"))
                .user();
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

    /** Whether the token with this id was logged out. */
    boolean isRevoked(String tokenId) {
        return tokens.isRevoked(tokenId);
    }

    /** Revokes the token and returns what it said. */
    Tokens.Claims logout(String token) {
        Tokens.Claims claims = tokens.verify(token);
        tokens.revoke(claims);
        return claims;
    }
}
