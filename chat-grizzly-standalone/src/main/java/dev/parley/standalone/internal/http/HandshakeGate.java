package dev.parley.standalone.internal.http;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.edge.HandshakeCheck;
import dev.parley.jakarta.internal.edge.Origins;
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

import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standalone server's side of chat-jakarta's {@link HandshakeCheck}: it reads a {@code /ws}
 * handshake off Grizzly's filter chain, before Tyrus sees it, and writes the check's refusal (403
 * from a page of a foreign origin, 401 without a valid token, with the contract's body) and closes
 * the connection. So a bad handshake never opens a session; the endpoint's own check (close 1008)
 * stays as the second line.
 *
 * <p>It sits in the listener's filter chain right before Tyrus's filter (see {@link #addOn}).
 * Thread-safe: it keeps no state besides a mark on each request it let through, so the frames
 * that later flow over the upgraded connection (Grizzly hands them on with the same request)
 * are not checked again.
 */
public final class HandshakeGate extends BaseFilter {
    private static final Logger LOG = Logger.getLogger(HandshakeGate.class.getName());
    private static final String PASSED = HandshakeGate.class.getName() + ".passed";

    private final HandshakeCheck check;
    private final String path;

    HandshakeGate(HandshakeCheck check, String path) {
        this.check = Objects.requireNonNull(check, "check");
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * An add-on that inserts the gate in front of Tyrus's filter; register it after Tyrus's
     * {@code WebSocketAddOn} (add-ons are set up in order).
     */
    public static AddOn addOn(Chat chat, String path, Origins origins) {
        HandshakeGate gate = new HandshakeGate(new HandshakeCheck(chat, origins), path);
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
        try {
            // No container principal here: the standalone server has only Parley's own accounts.
            check.admit(new HandshakeCheck.Request(
                    Optional.ofNullable(request.getHeader("Origin")),
                    Optional.ofNullable(request.getHeader("Host")),
                    request.isSecure(),
                    Optional.ofNullable(request.getQueryString()),
                    Optional.ofNullable(request.getHeader("Authorization")),
                    Optional.empty()));
        } catch (ChatException e) {
            return refuse(ctx, content, request, HandshakeCheck.Refusal.of(e));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "checking a WebSocket handshake failed", e);
            return refuse(ctx, content, request, new HandshakeCheck.Refusal(ErrorCode.INTERNAL, "internal error"));
        }
        request.setAttribute(PASSED, Boolean.TRUE);
        return ctx.getInvokeAction();
    }

    /** Writes the status and the contract's error body, then closes the connection. */
    private static NextAction refuse(FilterChainContext ctx, HttpContent content, HttpRequestPacket request,
                                     HandshakeCheck.Refusal refusal) {
        byte[] body = refusal.body();
        HttpResponsePacket response = request.getResponse();
        response.setProtocol(Protocol.HTTP_1_1);
        response.setStatus(refusal.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        refusal.challenge().ifPresent(challenge -> response.setHeader("WWW-Authenticate", challenge));
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
}
