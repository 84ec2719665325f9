package dev.parley.standalone.internal.http;

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
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.memory.Buffers;

import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The contract's {@code {"error","message"}} body for what Grizzly answers before Jersey sees a
 * request. Three places, one add-on ({@link #addOn()}, registered first on the listener):
 * <ul>
 * <li>what the HTTP codec refuses while parsing ({@link JsonErrorCodec});</li>
 * <li>a request path Grizzly cannot decode (an encoded slash {@code %2F}, a bad escape such as
 * {@code %zz}, an encoded NUL), which Grizzly's handler answers with a bare 500: refused here, before
 * any handler, with 400 {@code BAD_REQUEST};</li>
 * <li>the error pages Grizzly's handlers write themselves ({@link #errorPages()}): JSON, never HTML
 * or a stack trace.</li>
 * </ul>
 */
public final class ContractErrors {
    private static final Logger LOG = Logger.getLogger(ContractErrors.class.getName());

    private ContractErrors() {
    }

    /** Replaces the listener's HTTP codec and puts the path check right behind it. */
    public static AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                JsonErrorCodec.replaceIn(listener, builder);
                builder.add(builder.indexOfType(HttpServerFilter.class) + 1, new PathCheck());
            }
        };
    }

    /** For {@code ServerConfiguration.setDefaultErrorPageGenerator}: Grizzly's own error answers as JSON. */
    public static ErrorPageGenerator errorPages() {
        return ContractErrors::errorPage;
    }

    private static String errorPage(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        if (exception != null) {
            LOG.log(Level.WARNING, "a request failed below the REST API: " + request.getMethod() + " " + request.getRequestURI(), exception);
        }
        request.getResponse().setContentType("application/json");
        ErrorCode code = ErrorCode.forHttpStatus(status);
        String message = status >= 500 ? "internal error" : reasonPhrase == null ? "request refused" : reasonPhrase;
        return new String(JsonErrors.body(code, message), StandardCharsets.UTF_8);
    }

    /**
     * Refuses a request whose path does not decode, with 400 and the contract's body, and closes the
     * connection. Stateless but for a mark on each request it checked, so that the later chunks of
     * a body, or the frames of an upgraded WebSocket, are not checked again.
     */
    static final class PathCheck extends BaseFilter {
        private static final String CHECKED = PathCheck.class.getName() + ".checked";

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (!(ctx.getMessage() instanceof HttpContent content)
                    || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                    || request.getAttribute(CHECKED) != null) {
                return ctx.getInvokeAction();
            }
            request.setAttribute(CHECKED, Boolean.TRUE);
            String problem;
            try {
                request.getRequestURIRef().getDecodedRequestURIBC(false, StandardCharsets.UTF_8);
                return ctx.getInvokeAction();
            } catch (CharConversionException e) {
                problem = e.getMessage() != null && e.getMessage().contains("lash")
                        ? "an encoded slash (%2F) is not allowed in a path" : "the path does not decode: " + e.getMessage();
            } catch (IllegalArgumentException | IllegalStateException e) {
                problem = "the path has a bad %-escape";
            }
            refuse(ctx, content, request, problem);
            return ctx.getStopAction();
        }

        private static void refuse(FilterChainContext ctx, HttpContent content, HttpRequestPacket request, String problem) {
            byte[] body = JsonErrors.body(ErrorCode.BAD_REQUEST, problem);
            HttpResponsePacket response = request.getResponse();
            response.setProtocol(Protocol.HTTP_1_1);
            response.setStatus(ErrorCode.BAD_REQUEST.httpStatus());
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.setHeader("Connection", "close");
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
        }
    }
}
