package dev.parley.jakarta.internal.auth;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;

import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

/**
 * The credential rules shared by every entry point: an explicit bearer token wins (and a bad one
 * is refused even when the container knows the caller), else the container's principal, else
 * the call is unauthorized.
 */
public final class Credentials {
    private static final String BEARER = "bearer ";

    private Credentials() {
    }

    /**
     * The token of an {@code Authorization} header value of the Bearer scheme.
     *
     * @param header the header value, or null when absent
     * @return the token; empty when the header is absent or of another scheme (such as Basic,
     *         which belongs to the container)
     * @throws ChatException UNAUTHORIZED for a Bearer header without a token
     */
    public static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        if (trimmed.equalsIgnoreCase("bearer")) {
            throw ChatException.unauthorized("the Authorization header has no token after Bearer");
        }
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        String token = trimmed.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw ChatException.unauthorized("the Authorization header has no token after Bearer");
        }
        return Optional.of(token);
    }

    /**
     * Resolves the caller.
     *
     * @param chat      the engine that checks tokens and knows principals
     * @param token     a bearer token the caller presented
     * @param principal the principal the container authenticated, if any
     * @throws ChatException UNAUTHORIZED when there is neither, or the token is bad, expired or revoked
     */
    public static Caller authenticate(Chat chat, Optional<String> token, Optional<Principal> principal) {
        if (token.isPresent()) {
            return new Caller(chat.authenticate(token.get()), token);
        }
        if (principal.isPresent()) {
            return new Caller(chat.principal(principal.get().getName()), Optional.empty());
        }
        throw ChatException.unauthorized("missing bearer token: send 'Authorization: Bearer <token>'");
    }
}
