package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/** A revoked token, kept until it would have expired. */
@Entity(name = "ParleyRevokedToken")
@Table(name = "parley_revoked_tokens", indexes = @Index(name = "parley_revoked_expiry", columnList = "expires_at_ms"))
class RevokedTokenEntity {

    @Id
    @Column(name = "token_id", length = 255)
    String tokenId;

    @Convert(converter = InstantConverter.class)
    @Column(name = "expires_at_ms", nullable = false)
    Instant expiresAt;

    protected RevokedTokenEntity() {
    }

    RevokedTokenEntity(String tokenId, Instant expiresAt) {
        this.tokenId = tokenId;
        this.expiresAt = expiresAt;
    }

    /** Keeps the later of the two expiries; an entity method so that woven change tracking sees it (see RoomSeqEntity#next). */
    void extendTo(Instant later) {
        if (later.isAfter(expiresAt)) {
            expiresAt = later;
        }
    }
}
