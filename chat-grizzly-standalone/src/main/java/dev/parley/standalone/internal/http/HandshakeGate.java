package dev.parley.standalone.internal.http;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;

import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses a WebSocket handshake on {@code /ws} at the HTTP level, before Tyrus sees it: 403 with
 * the contract's body when the page's origin is not allowed, 401 when the request carries no
 * valid token ({@code ?token=} or {@code Authorization: Bearer}). So a bad handshake never opens
 * a session; the endpoint's own check (close 1008) stays as the second line.
 *
 * <p>It sits in the listener's filter chain right before Tyrus's filter (see {@link #addOn}).
 * Thread-safe: it keeps no state besides a mark on each request it let through, so the frames
 * that later flow over the upgraded connection (Grizzly hands them on with the same request)
 * are not checked again.
 */
public final class HandshakeGate extends BaseFilter {
    private static final String PASSED = HandshakeGate.class.getName() + ".passed";

    private final Chat chat;
    private final String path;
    private final Origins origins;

    HandshakeGate(Chat chat, String path, Origins origins) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.path = Objects.requireNonNull(path, "path");
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    /**
     * An add-on that inserts the gate in front of Tyrus's filter; register it after Tyrus's
     * {@code WebSocketAddOn} (add-ons are set up in order).
     */
    public static AddOn addOn(Chat chat, String path, Origins origins) {
        HandshakeGate gate = new HandshakeGate(chat, path, origins);
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                int tyrus = builder.indexOfType(GrizzlyServerFilter.class);
                int http = builder.indexOfType(HttpServerFilter.class);
                if (tyrus < 0 && http < 0) {
                    throw new IllegalStateException("no HTTP filter in the listener's chain to put the handshake gate before");
                }
                builder.add(tyrus >= 0 ? tyrus : http, gate);
            }
        };
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || !"websocket".equalsIgnoreCase(request.getUpgrade())
                || !path.equals(request.getRequestURI())
                || request.getAttribute(PASSED) != null) {
            return ctx.getInvokeAction();
        }
        Optional<String> origin = Optional.ofNullable(request.getHeader("Origin"));
        if (!origins.allowsWebSocket(origin, Optional.ofNullable(request.getHeader("Host")), request.isSecure())) {
            return refuse(ctx, content, request, ErrorCode.FORBIDDEN,
                    "WebSocket connections from origin " + origin.orElse("") + " are not allowed");
        }
        try {
            Optional<String> token = queryParameter(request.getQueryString(), "token");
            if (token.isEmpty()) {
                token = bearer(request.getHeader("Authorization"));
            }
            if (token.isEmpty()) {
                return refuse(ctx, content, request, ErrorCode.UNAUTHORIZED,
                        "missing token: connect with ?token=<token> or 'Authorization: Bearer <token>'");
            }
            chat.authenticate(token.get());
        } catch (ChatException e) {
            return refuse(ctx, content, request, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return refuse(ctx, content, request, ErrorCode.BAD_REQUEST, "malformed query string");
        }
        request.setAttribute(PASSED, Boolean.TRUE);
        return ctx.getInvokeAction();
    }

    /** Writes the status and the contract's error body, then closes the connection. */
    private static NextAction refuse(FilterChainContext ctx, HttpContent content, HttpRequestPacket request,
                                     ErrorCode code, String message) {
        byte[] body = JsonErrors.body(code, message);
        HttpResponsePacket response = request.getResponse();
        response.setProtocol(Protocol.HTTP_1_1);
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        if (code == ErrorCode.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"parley\"");
        }
        HttpContent answer = HttpContent.builder(response)
                .content(Buffers.wrap(ctx.getMemoryManager(), body))
                .last(true)
                .build();
        var connection = ctx.getConnection();
        ctx.write(answer, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
        content.recycle();
        return ctx.getStopAction();
    }

    static Optional<String> queryParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name) && eq >= 0) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The token of a Bearer header; a header of another scheme carries none, a Bearer one without a token is refused. */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith("bearer")
                || trimmed.length() > "bearer".length() && !Character.isWhitespace(trimmed.charAt("bearer".length()))) {
            return Optional.empty();
        }
        String token = trimmed.substring("bearer".length()).trim();
        if (token.isEmpty()) {
            throw ChatException.unauthorized("the Authorization header has no token after Bearer");
        }
        return Optional.of(token);
    }
}
