package dev.parley.spring.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.spring.ParleyIdentity;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Gives the requests under {@code parley.path} the principal of the {@link ParleyIdentity} (and
 * only that one), which chat-jakarta's REST resources and WebSocket handshake read as the
 * container's principal. Where the application owns the accounts ({@code parley.identity} other
 * than {@code parley}), Parley's own register and login answer 403 with the contract's body.
 * Thread-safe.
 */
public final class IdentityFilter implements Filter {
    private final ParleyIdentity identity;
    private final Set<String> ownAccountPaths;

    IdentityFilter(ParleyIdentity identity, String prefix, boolean applicationAccounts) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.ownAccountPaths = applicationAccounts
                ? Set.of(prefix + "/api/auth/register", prefix + "/api/auth/login") : Set.of();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        if (ownAccountPaths.contains(http.getRequestURI().substring(http.getContextPath().length()))) {
            byte[] body = JsonFields.write(ModelJson.error(ErrorCode.FORBIDDEN,
                    "accounts are the application's here: sign in to it instead")).getBytes(StandardCharsets.UTF_8);
            out.setStatus(ErrorCode.FORBIDDEN.httpStatus());
            out.setContentType("application/json");
            out.setContentLength(body.length);
            out.getOutputStream().write(body);
            return;
        }
        Principal principal = identity.principal(http).orElse(null);
        chain.doFilter(new WithPrincipal(http, principal), response);
    }

    /** The request as Parley sees it: the identity's principal, or none. */
    static final class WithPrincipal extends HttpServletRequestWrapper {
        private final Principal principal;

        WithPrincipal(HttpServletRequest request, Principal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return Optional.ofNullable(principal).map(Principal::getName).orElse(null);
        }

        @Override
        public boolean isUserInRole(String role) {
            return principal != null && super.isUserInRole(role);
        }
    }
}
