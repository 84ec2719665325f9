package dev.parley.jakarta.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.Set;

/**
 * Test-only stand-in for a container login: a request carrying {@value #HEADER} is seen by
 * everything downstream as authenticated by the container as that user, in the comma-separated
 * roles of {@value #ROLES_HEADER} (none without it).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class TestPrincipalFilter extends HttpFilter {
    static final String HEADER = "X-Test-Principal";
    static final String ROLES_HEADER = "X-Test-Roles";
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String name = request.getHeader(HEADER);
        if (name == null) {
            chain.doFilter(request, response);
            return;
        }
        Principal principal = () -> name;
        String roleList = request.getHeader(ROLES_HEADER);
        Set<String> roles = roleList == null ? Set.of() : Set.of(roleList.split(","));
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.contains(role);
            }
        }, response);
    }
}
