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

/**
 * Test-only stand-in for a container login: a request carrying {@value #HEADER} is seen by
 * everything downstream as authenticated by the container as that user.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class TestPrincipalFilter extends HttpFilter {
    static final String HEADER = "X-Test-Principal";
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
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return name;
            }
        }, response);
    }
}
