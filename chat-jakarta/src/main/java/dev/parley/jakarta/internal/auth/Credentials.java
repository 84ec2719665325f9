package dev.parley.jakarta.internal.auth;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The credential rules shared by every entry point: an explicit bearer token wins (and a bad one
 * is refused even when the container knows the caller), else the container's principal, else
 * the call is unauthorized.
 */
public final class Credentials {
    private static final String BEARER = "bearer";
    private static final String TOKEN_PARAMETER = "token";

    private Credentials() {
    }

    /**
     * The token of an {@code Authorization} header value of the Bearer scheme. The scheme is
     * matched case-insensitively and may be followed by any whitespace (RFC 9110 allows more than
     * one space).
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
        if (!trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || trimmed.length() > BEARER.length() && !Character.isWhitespace(trimmed.charAt(BEARER.length()))) {
            return Optional.empty();
        }
        String token = trimmed.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw ChatException.unauthorized("the Authorization header has no token after Bearer");
        }
        return Optional.of(token);
    }

    /**
     * The {@code token} parameter of a handshake's raw query string, URL-decoded, for clients
     * (browsers) that cannot set a header on a WebSocket handshake.
     *
     * @param rawQuery the query string as received (not decoded), or null when there is none
     * @return the token; empty when there is no {@code token} parameter or it is blank
     * @throws ChatException BAD_REQUEST when the query string is not valid URL encoding
     */
    public static Optional<String> queryToken(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        try {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq >= 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(TOKEN_PARAMETER)) {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return value.isBlank() ? Optional.empty() : Optional.of(value);
                }
            }
        } catch (IllegalArgumentException e) {
            throw ChatException.badRequest("malformed query string");
        }
        return Optional.empty();
    }

    /**
     * Resolves the caller, with the container's principal in none of its roles.
     *
     * @see #authenticate(Chat, Optional, Optional, Predicate)
     */
    public static Caller authenticate(Chat chat, Optional<String> token, Optional<Principal> principal) {
        return authenticate(chat, token, principal, role -> false);
    }

    /**
     * Resolves the caller. For the container's principal, {@code inRole} tells the engine which
     * roles it is in: one in the engine's {@code adminRole} is a server admin
     * ({@link Chat#principal(String, Predicate)}). A bearer token's user is who the token says, whatever
     * the container's roles.
     *
     * @param chat      the engine that checks tokens and knows principals
     * @param token     a bearer token the caller presented
     * @param principal the principal the container authenticated, if any
     * @param inRole    the container's answer to whether the principal is in a role
     *                  ({@code isUserInRole} of the request)
     * @throws ChatException UNAUTHORIZED when there is neither, or the token is bad, expired or revoked
     */
    public static Caller authenticate(Chat chat, Optional<String> token, Optional<Principal> principal,
                                      Predicate<String> inRole) {
        if (token.isPresent()) {
            return new Caller(chat.authenticate(token.get()), token);
        }
        if (principal.isPresent()) {
            return new Caller(chat.principal(principal.get().getName(), inRole), Optional.empty());
        }
        throw ChatException.unauthorized("missing bearer token: send 'Authorization: Bearer <token>'");
    }
}
