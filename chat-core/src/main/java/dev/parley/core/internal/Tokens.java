package dev.parley.core.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.protocol.ChatException;
import dev.parley.core.spi.TokenStore;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signed, expiring, revocable bearer tokens: JWTs signed with HMAC-SHA256 under a key kept in the
 * {@link TokenStore}, so that tokens survive a restart and every node of a cluster accepts them.
 */
final class Tokens {
    private static final String ISSUER = "parley";
    /** The claim holding the user's token generation at issue (absent from tokens issued before it existed: 0). */
    private static final String GENERATION = "gen";

    /**
     * What a valid token says.
     *
     * @param generation the user's token generation when it was issued (see {@link dev.parley.core.spi.StoredUser})
     */
    record Claims(String username, String tokenId, Instant expiresAt, int generation) {
    }

    /** A newly issued token. */
    record Issued(String token, String tokenId, Instant expiresAt) {
    }

    private final TokenStore store;
    private final Clock clock;
    private final Duration ttl;
    private final MACSigner signer;
    private final MACVerifier verifier;

    Tokens(TokenStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        byte[] key = store.signingKey(() -> {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return k;
        });
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key unusable: " + e.getMessage(), e);
        }
    }

    Issued issue(String username, int generation) {
        Instant now = clock.instant();
        // JWT times are whole seconds; expiry is reported as the token carries it.
        Instant expiresAt = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(username)
                .jwtID(id)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .claim(GENERATION, generation)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token: " + e.getMessage(), e);
        }
        return new Issued(jwt.serialize(), id, expiresAt);
    }

    /** Checks signature, issuer, expiry and revocation. */
    Claims verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            throw ChatException.unauthorized("missing or malformed token");
        }
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw ChatException.unauthorized("invalid token");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw ChatException.unauthorized("invalid token");
        }
        Date exp = claims.getExpirationTime();
        if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getJWTID() == null || exp == null) {
            throw ChatException.unauthorized("invalid token");
        }
        Instant expiresAt = exp.toInstant();
        int generation;
        try {
            Long gen = claims.getLongClaim(GENERATION);
            if (gen != null && (gen < 0 || gen > Integer.MAX_VALUE)) {
                throw ChatException.unauthorized("invalid token");
            }
            generation = gen == null ? 0 : gen.intValue();
        } catch (ParseException e) {
            throw ChatException.unauthorized("invalid token");
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw ChatException.unauthorized("token expired");
        }
        if (store.isRevoked(claims.getJWTID())) {
            throw ChatException.unauthorized("token revoked");
        }
        return new Claims(claims.getSubject(), claims.getJWTID(), expiresAt, generation);
    }

    boolean isRevoked(String tokenId) {
        return store.isRevoked(tokenId);
    }

    void revoke(Claims claims) {
        store.revoke(claims.tokenId(), claims.expiresAt());
    }
}
