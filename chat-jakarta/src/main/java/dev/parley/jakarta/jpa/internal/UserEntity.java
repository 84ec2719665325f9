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

    protected UserEntity() {
    }

    UserEntity(StoredUser stored) {
        User user = stored.user();
        this.usernameKey = key(user.username());
        this.username = user.username();
        this.userId = user.id();
        this.passwordHash = stored.passwordHash().orElse(null);
        this.createdAt = user.createdAt();
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    StoredUser toStoredUser() {
        return new StoredUser(new User(userId, username, createdAt), Optional.ofNullable(passwordHash));
    }
}
