package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.User;
import dev.parley.core.spi.StoredUser;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A user. The key is the lower-cased username, so the primary key itself makes usernames
 * unique without regard to case; {@code username} keeps the case the user registered with.
 *
 * <p>The display name and the token generation came with v2: their columns are nullable, so that a
 * database of an earlier release gains them empty (no display name, generation 0) when the unit
 * extends the table.
 */
@Entity(name = "ParleyUser")
@Table(name = "parley_users")
class UserEntity {

    @Id
    @Column(name = "username_key", length = 255)
    String usernameKey;

    @Column(name = "username", length = 255, nullable = false)
    String username;

    @Column(name = "user_id", length = 255, nullable = false, unique = true)
    String userId;

    @Column(name = "password_hash", length = 1024)
    String passwordHash;

    @Convert(converter = InstantConverter.class)
    @Column(name = "created_at_ms", nullable = false)
    Instant createdAt;

    /** Up to 64 code points: 256 UTF-16 units is room enough for any of them. */
    @Column(name = "display_name", length = 256)
    String displayName;

    /** Null (a row of an earlier release) reads as 0. */
    @Column(name = "token_generation")
    Integer tokenGeneration;

    @Column(name = "kept_token_id", length = 255)
    String keptTokenId;

    protected UserEntity() {
    }

    UserEntity(StoredUser stored) {
        User user = stored.user();
        this.usernameKey = key(user.username());
        this.username = user.username();
        this.userId = user.id();
        this.createdAt = user.createdAt();
        apply(stored);
    }

    /** Takes the changeable fields of {@code stored}; an entity method so that woven change tracking sees it. */
    void apply(StoredUser stored) {
        this.passwordHash = stored.passwordHash().orElse(null);
        this.displayName = stored.user().displayName().orElse(null);
        this.tokenGeneration = stored.tokenGeneration();
        this.keptTokenId = stored.keptTokenId().orElse(null);
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    StoredUser toStoredUser() {
        return new StoredUser(new User(userId, username, createdAt, Optional.ofNullable(displayName)),
                Optional.ofNullable(passwordHash), tokenGeneration == null ? 0 : tokenGeneration, Optional.ofNullable(keptTokenId));
    }
}
