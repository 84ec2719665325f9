package dev.parley.jakarta.internal.ws;

import dev.parley.protocol.internal.JsonFields;
import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.jakarta.internal.auth.Credentials;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses a {@code /ws} request without valid credentials with 401 and the contract's error body,
 * before the container's WebSocket upgrade runs, so a bad token never opens a session. It must
 * be mapped ahead of the container's own WebSocket filter ({@code isMatchAfter = false}).
 */
public final class HandshakeFilter implements Filter {
    private final Chat chat;

    public HandshakeFilter(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            Optional<String> token = Optional.ofNullable(http.getParameter("token")).filter(t -> !t.isBlank());
            if (token.isEmpty()) {
                token = Credentials.bearer(http.getHeader("Authorization"));
            }
            Credentials.authenticate(chat, token, Optional.ofNullable(http.getUserPrincipal()));
        } catch (ChatException e) {
            byte[] body = JsonFields.write(ModelJson.error(e.code(), e.getMessage())).getBytes(StandardCharsets.UTF_8);
            out.setStatus(e.code().httpStatus());
            out.setContentType("application/json");
            out.setContentLength(body.length);
            if (e.code().httpStatus() == 401) {
                out.setHeader("WWW-Authenticate", "Bearer realm=\"parley\"");
            }
            out.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }
}
