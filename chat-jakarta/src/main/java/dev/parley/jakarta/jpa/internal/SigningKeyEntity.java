package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The token signing key: one row under the fixed key {@link #SLOT}, so that the first insert
 * wins and every process reads the same key back.
 */
@Entity(name = "ParleySigningKey")
@Table(name = "parley_signing_key")
class SigningKeyEntity {

    static final int SLOT = 1;

    @Id
    @Column(name = "slot")
    int slot;

    @Column(name = "secret", length = 4096, nullable = false)
    byte[] secret;

    protected SigningKeyEntity() {
    }

    SigningKeyEntity(byte[] secret) {
        this.slot = SLOT;
        this.secret = secret.clone();
    }
}
