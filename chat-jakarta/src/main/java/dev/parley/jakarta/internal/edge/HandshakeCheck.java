package dev.parley.jakarta.internal.edge;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.auth.Caller;
import dev.parley.jakarta.internal.auth.Credentials;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules a {@code /ws} handshake must pass before the WebSocket upgrade runs, in the order
 * they are checked: the page's origin ({@link Origins}), then the credentials (a {@code ?token=},
 * an {@code Authorization: Bearer} header, or the container's principal, by
 * {@link Credentials}'s rules). Each server form reads the request its own way and writes the
 * {@link Refusal} its own way: {@link HandshakeFilter} in a servlet container, a Grizzly filter in
 * the standalone server. Thread-safe; one instance serves every handshake.
 */
public final class HandshakeCheck {
    private final Chat chat;
    private final Origins origins;

    public HandshakeCheck(Chat chat, Origins origins) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    /**
     * Admits a handshake or refuses it.
     *
     * @return the authenticated caller
     * @throws ChatException FORBIDDEN from a page of an origin that is not allowed; UNAUTHORIZED
     *                       without credentials or with a bad, expired or revoked token;
     *                       BAD_REQUEST for a malformed query string; UNAVAILABLE when the
     *                       token store cannot be reached
     */
    public Caller admit(Request request) {
        if (!origins.allowsWebSocket(request.origin(), request.host(), request.secure())) {
            String origin = request.origin().orElseThrow();
            throw ChatException.forbidden("WebSocket connections from origin " + origin + " are not allowed; "
                    + origins.howToAllow(origin));
        }
        Optional<String> token = Credentials.queryToken(request.rawQuery().orElse(null));
        if (token.isEmpty()) {
            token = Credentials.bearer(request.authorization().orElse(null));
        }
        if (token.isEmpty() && request.principal().isEmpty()) {
            throw ChatException.unauthorized("missing token: connect with ?token=<token> or 'Authorization: Bearer <token>'");
        }
        return Credentials.authenticate(chat, token, request.principal(), request.inRole());
    }

    /**
     * What the check reads of a handshake.
     *
     * @param origin        the {@code Origin} header
     * @param host          the {@code Host} header
     * @param secure        whether the request came over TLS
     * @param rawQuery      the query string as received, not decoded
     * @param authorization the {@code Authorization} header
     * @param principal     the user the container authenticated
     * @param inRole        whether that user is in a role of the container's ({@code isUserInRole})
     */
    public record Request(Optional<String> origin, Optional<String> host, boolean secure, Optional<String> rawQuery,
                          Optional<String> authorization, Optional<Principal> principal, Predicate<String> inRole) {
        public Request {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(rawQuery, "rawQuery");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(inRole, "inRole");
        }

        /** A handshake of a server without container roles (the standalone's): its principal, if any, is in none. */
        public Request(Optional<String> origin, Optional<String> host, boolean secure, Optional<String> rawQuery,
                       Optional<String> authorization, Optional<Principal> principal) {
            this(origin, host, secure, rawQuery, authorization, principal, role -> false);
        }
    }

    /**
     * A refused handshake as the HTTP answer the contract asks for: the status of the error code,
     * the {@code {"error","message"}} body, and a Bearer challenge with a 401.
     *
     * @param code    the contract's error code
     * @param message the human-readable reason
     */
    public record Refusal(ErrorCode code, String message) {
        /** The challenge a 401 carries. */
        public static final String BEARER_CHALLENGE = "Bearer realm=\"parley\"";

        public Refusal {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /** The refusal of {@code e}. */
        public static Refusal of(ChatException e) {
            return new Refusal(e.code(), e.getMessage());
        }

        /** The HTTP status. */
        public int status() {
            return code.httpStatus();
        }

        /** The body, {@code application/json} in UTF-8. */
        public byte[] body() {
            return JsonFields.write(ModelJson.error(code, message)).getBytes(StandardCharsets.UTF_8);
        }

        /** The {@code WWW-Authenticate} header to send, for a 401. */
        public Optional<String> challenge() {
            return code == ErrorCode.UNAUTHORIZED ? Optional.of(BEARER_CHALLENGE) : Optional.empty();
        }
    }
}
