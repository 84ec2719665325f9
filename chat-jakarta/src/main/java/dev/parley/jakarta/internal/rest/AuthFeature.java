package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.auth.Caller;
import dev.parley.jakarta.internal.auth.Credentials;
import dev.parley.protocol.ChatException;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the bearer check in front of every resource method not marked {@link Anonymous}. Being
 * bound per method (rather than a global filter) lets unknown routes answer 404 and keeps the
 * list of open endpoints next to the endpoints themselves.
 */
final class AuthFeature implements DynamicFeature {
    private final BearerFilter filter;

    AuthFeature(Chat chat) {
        this.filter = new BearerFilter(chat);
    }

    /** The caller the filter put in the security context of a request it let through. */
    static Caller caller(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ChatException.unauthorized("authentication required");
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (!resourceInfo.getResourceMethod().isAnnotationPresent(Anonymous.class)) {
            context.register(filter, Priorities.AUTHENTICATION);
        }
    }

    /**
     * Resolves the caller and replaces the security context with one whose principal is the
     * {@link Caller}; a refusal is thrown as a ChatException and answered by the mappers.
     */
    static final class BearerFilter implements ContainerRequestFilter {
        private final Chat chat;

        BearerFilter(Chat chat) {
            this.chat = Objects.requireNonNull(chat, "chat");
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext container = request.getSecurityContext();
            Optional<String> token = Credentials.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
            Optional<Principal> principal = Optional.ofNullable(container == null ? null : container.getUserPrincipal());
            Caller caller = Credentials.authenticate(chat, token, principal,
                    role -> container != null && container.isUserInRole(role));
            boolean secure = container != null && container.isSecure();
            request.setSecurityContext(new CallerContext(caller, secure));
        }
    }

    /** The security context seen by resources: the Parley caller, no roles. */
    record CallerContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return caller.token().isPresent() ? "Bearer" : "Container";
        }
    }
}
