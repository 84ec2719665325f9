package dev.parley.spring;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Optional;

/**
 * Who a request under {@code parley.path} comes from, besides a Parley bearer token: the
 * principal the REST API and the WebSocket handshake see (Parley creates its user on first
 * sight, as it does for a Jakarta EE container's principal). The starter's own are
 * {@link #parleyAccounts()} ({@code parley.identity=parley}) and Spring Security's
 * ({@code parley.identity=spring-security}); an application that declares a bean of this type
 * replaces them. Called on the request's thread, for every request under the path; thread-safe.
 */
@FunctionalInterface
public interface ParleyIdentity {

    /** The authenticated user of {@code request}, or empty for a request Parley authenticates itself (bearer token). */
    Optional<Principal> principal(HttpServletRequest request);

    /** Parley's own accounts only: no principal from the application, so every call needs a Parley token. */
    static ParleyIdentity parleyAccounts() {
        return request -> Optional.empty();
    }
}
