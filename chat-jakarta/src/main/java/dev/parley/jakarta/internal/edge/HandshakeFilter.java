package dev.parley.jakarta.internal.edge;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet container's side of {@link HandshakeCheck}: refuses a {@code /ws} request from a
 * page of a foreign origin with 403, and one without valid credentials with 401, each with the
 * contract's error body, before the container's WebSocket upgrade runs, so that neither opens a
 * session. It must be mapped ahead of the container's own WebSocket filter
 * ({@code isMatchAfter = false}). Thread-safe.
 */
public final class HandshakeFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    private final HandshakeCheck check;

    public HandshakeFilter(Chat chat, Origins origins) {
        this.check = new HandshakeCheck(chat, origins);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            check.admit(new HandshakeCheck.Request(
                    Optional.ofNullable(http.getHeader("Origin")),
                    Optional.ofNullable(http.getHeader("Host")),
                    http.isSecure(),
                    Optional.ofNullable(http.getQueryString()),
                    Optional.ofNullable(http.getHeader("Authorization")),
                    Optional.ofNullable(http.getUserPrincipal()),
                    http::isUserInRole));
        } catch (ChatException e) {
            refuse(out, HandshakeCheck.Refusal.of(e));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "checking a WebSocket handshake failed", e);
            refuse(out, new HandshakeCheck.Refusal(ErrorCode.INTERNAL, "internal error"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse out, HandshakeCheck.Refusal refusal) throws IOException {
        byte[] body = refusal.body();
        out.setStatus(refusal.status());
        out.setContentType("application/json");
        out.setContentLength(body.length);
        refusal.challenge().ifPresent(challenge -> out.setHeader("WWW-Authenticate", challenge));
        out.getOutputStream().write(body);
    }
}
