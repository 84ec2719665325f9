package dev.parley.core.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.charset.StandardCharsets;

/**
 * Password hashing with bcrypt (a slow, salted hash). Passwords longer than bcrypt's 72 bytes are
 * pre-hashed with SHA-512 rather than silently truncated.
 */
final class Passwords {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

    private final int cost;
    private final String dummyHash;

    Passwords(int cost) {
        this.cost = cost;
        // Verified against when the user does not exist, so that a login takes as long either way.
        this.dummyHash = hash("parley-timing-equaliser");
    }

    String hash(String password) {
        return new String(BCrypt.with(LongPasswordStrategies.hashSha512(VERSION))
                .hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    boolean verify(String password, String hash) {
        return BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION))
                .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
                .verified;
    }

    /** Spends the time of one verification, for an unknown user. */
    void verifyNothing(String password) {
        verify(password, dummyHash);
    }
}
