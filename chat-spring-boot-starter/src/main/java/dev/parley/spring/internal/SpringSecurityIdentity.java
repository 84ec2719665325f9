package dev.parley.spring.internal;

import dev.parley.spring.ParleyIdentity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.security.Principal;
import java.util.Optional;

/**
 * {@code parley.identity=spring-security}: the {@link Authentication} Spring Security holds for
 * the request (its filter chain runs before Parley's filters), unless it is anonymous. The Parley
 * user is the authentication's name, created on first sight.
 */
final class SpringSecurityIdentity implements ParleyIdentity {
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public Optional<Principal> principal(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || trust.isAnonymous(authentication)) {
            return Optional.empty();
        }
        return Optional.of(authentication);
    }
}
