package dev.parley.core.internal;

import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.User;

import java.util.Objects;
import java.util.Optional;

/**
 * What users change about their own account: the display name and the password. Each change is one
 * atomic {@link UserStore#update} of the stored user, so two changes made at once (on two nodes of
 * a cluster, say) never interleave. Thread-safe.
 *
 * <p>A password change starts a new token generation (see {@link StoredUser}): every other token of
 * the user is refused from then on, by every node, since each one checks the stored generation when
 * it verifies a token; the token the change was made with is kept, so the caller stays signed in.
 */
final class AccountSettings {
    private final UserStore users;
    private final Accounts accounts;
    private final Passwords passwords;
    private final RateLimiter wrongPasswords;

    AccountSettings(UserStore users, Accounts accounts, Passwords passwords, RateLimiter wrongPasswords) {
        this.users = users;
        this.accounts = accounts;
        this.passwords = passwords;
        this.wrongPasswords = wrongPasswords;
    }

    /** Sets (or, given an empty or blank name, clears) the caller's display name; the user as stored now. */
    User setDisplayName(User caller, Optional<String> displayName) {
        Optional<String> name = InputRules.displayName(Objects.requireNonNull(displayName, "displayName"));
        return users.update(caller.username(), stored -> stored.user().displayName().equals(name) ? stored
                        : stored.withUser(stored.user().withDisplayName(name)))
                .orElseThrow(() -> ChatException.notFound("user " + caller.username() + " not found"))
                .user();
    }

    /**
     * Replaces the caller's password after checking the current one.
     *
     * @param token the token the caller made the request with, which stays valid; empty revokes every token
     * @return the id of the token kept
     */
    Optional<String> changePassword(User caller, Optional<String> token, String current, String next) {
        if (current == null) {
            throw ChatException.badRequest("the current password is required");
        }
        InputRules.password(next);
        Optional<String> keep = token.map(accounts::tokenId);
        String key = InputRules.key(caller.username());
        if (!wrongPasswords.available(key)) {
            throw ChatException.rateLimited("too many wrong passwords for " + caller.username() + ", try again later");
        }
        StoredUser stored = accounts.find(caller.username());
        if (stored.passwordHash().isEmpty()) {
            throw ChatException.forbidden("the password of " + caller.username()
                    + " is not Parley's: it is managed by the server's own sign-in");
        }
        String verified = stored.passwordHash().get();
        if (!passwords.verify(current, verified)) {
            wrongPasswords.tryAcquire(key);
            throw ChatException.forbidden("the current password is wrong");
        }
        String hash = passwords.hash(next);
        boolean[] changed = {false};
        users.update(caller.username(), now -> {
            // Changed by another request since it was verified: that change wins, this one is refused.
            if (!now.passwordHash().equals(Optional.of(verified))) {
                changed[0] = false;
                return now;
            }
            changed[0] = true;
            return now.withPassword(hash, keep);
        });
        if (!changed[0]) {
            throw ChatException.conflict("the password was changed meanwhile by another request");
        }
        return keep;
    }
}
