package dev.parley.standalone.internal.http;

import dev.parley.protocol.ErrorCode;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

import java.io.IOException;
import java.util.Locale;

/**
 * Grizzly's HTTP codec, answering what it refuses itself (a request it cannot parse: headers over
 * the limit, a bad or repeated {@code Content-Length}, a bad chunk, no {@code Host} in HTTP/1.1, an
 * unknown HTTP version) with the contract's {@code {"error","message"}} body instead of an empty
 * one. The status stays Grizzly's, except that 505 becomes 400 and an oversized head becomes 413
 * ({@code TOO_LARGE}): the contract's codes have no others. The connection is closed after the
 * answer, as Grizzly does. It is also {@link WebSocketOnlyUpgrades.Codec}: one codec replaces Grizzly's.
 * Thread-safe like the codec it extends (no state of its own).
 */
final class JsonErrorCodec extends WebSocketOnlyUpgrades.Codec {
    /** The request attribute that carries what the parser threw, from {@link #onHttpHeaderError} to the answer. */
    private static final String FAILURE = JsonErrorCodec.class.getName() + ".failure";

    private final int maxHeaderSize;

    private JsonErrorCodec(NetworkListener listener, int maxHeaderSize) {
        super(listener, maxHeaderSize);
        this.maxHeaderSize = maxHeaderSize;
    }

    /**
     * Puts this codec in place of the one Grizzly's HttpServer put in {@code builder}, with the same
     * settings, content encodings and probes.
     */
    static void replaceIn(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        if (index < 0) {
            throw new IllegalStateException("no HTTP codec in the listener's chain to replace");
        }
        HttpServerFilter old = (HttpServerFilter) builder.get(index);
        int maxHeaderSize = listener.getMaxHttpHeaderSize() == -1 ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE
                : listener.getMaxHttpHeaderSize();
        JsonErrorCodec codec = new JsonErrorCodec(listener, maxHeaderSize);
        for (ContentEncoding encoding : old.getContentEncodings()) {
            codec.addContentEncoding(encoding);
        }
        codec.setAllowPayloadForUndefinedHttpMethods(old.isAllowPayloadForUndefinedHttpMethods());
        codec.setMaxPayloadRemainderToSkip(old.getMaxPayloadRemainderToSkip());
        HttpProbe[] probes = old.getMonitoringConfig().getProbes();
        codec.getMonitoringConfig().addProbes(probes);
        builder.set(index, codec);
    }

    @Override
    protected void onHttpHeaderError(HttpHeader httpHeader, FilterChainContext ctx, Throwable t) throws IOException {
        if (httpHeader instanceof HttpRequestPacket request && t != null) {
            request.setAttribute(FAILURE, t);
        }
        super.onHttpHeaderError(httpHeader, ctx, t);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        HttpRequestPacket request = response.getRequest();
        Object failure = request == null ? null : request.getAttribute(FAILURE);
        String detail = failure instanceof Throwable t && t.getMessage() != null ? t.getMessage() : "";
        ErrorCode code;
        String message;
        if (detail.toLowerCase(Locale.ROOT).contains("too large")) {
            code = ErrorCode.TOO_LARGE;
            message = "the request line and headers exceed " + maxHeaderSize + " bytes";
        } else if (response.getStatus() == 505) {
            code = ErrorCode.BAD_REQUEST;
            message = "unsupported HTTP version (HTTP/1.0 and HTTP/1.1 are served)";
        } else {
            code = ErrorCode.BAD_REQUEST;
            message = "malformed HTTP request" + (detail.isEmpty() ? "" : ": " + oneLine(detail));
        }
        response.setStatus(code.httpStatus());
        response.setReasonPhrase(code == ErrorCode.TOO_LARGE ? "Content Too Large" : "Bad Request");
        byte[] body = JsonErrors.body(code, message);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        // Grizzly derives these headers only for a request line it parsed; set, they are replaced, not repeated.
        // (On the MimeHeaders themselves: setHeader would keep Content-Type in a field that only that derivation writes.)
        response.getHeaders().setValue(Header.ContentType).setString("application/json");
        response.getHeaders().setValue(Header.Connection).setString("close");
        return HttpContent.builder(response)
                .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                .last(true)
                .build();
    }

    private static String oneLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
