package dev.parley.standalone.internal.http;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Grizzly's HTTP codec, except that a request asking to upgrade to anything but WebSocket is
 * served as the plain HTTP/1.1 request it also is (RFC 9110 lets a server ignore Upgrade).
 *
 * <p>Why: Java's {@code HttpClient} sends {@code Upgrade: h2c} on its first request to an
 * {@code http:} URL. Grizzly's codec then stops decoding the body by its {@code Content-Length},
 * so a resource reading a POST body waits until the client gives up. Without HTTP/2 on this
 * listener, the upgrade is refused by ignoring it, as the RFC intends.
 */
public final class WebSocketOnlyUpgrades {
    private WebSocketOnlyUpgrades() {
    }

    /** An add-on that swaps the listener's codec for {@link Codec}, keeping its settings. */
    public static AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                int index = builder.indexOfType(HttpServerFilter.class);
                if (index < 0) {
                    throw new IllegalStateException("no HTTP codec in the listener's filter chain");
                }
                HttpServerFilter original = (HttpServerFilter) builder.get(index);
                int maxHeaderSize = listener.getMaxHttpHeaderSize() == -1
                        ? HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize();
                Codec codec = new Codec(listener, maxHeaderSize);
                for (ContentEncoding encoding : original.getContentEncodings()) {
                    codec.addContentEncoding(encoding);
                }
                codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
                codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
                builder.set(index, codec);
            }
        };
    }

    /** The codec: WebSocket upgrades go on as before, other upgrades are dropped from the request. */
    static final class Codec extends HttpServerFilter {
        @SuppressWarnings("deprecation") // the constructor Grizzly's own HttpServer uses for its listeners
        Codec(NetworkListener listener, int maxHeaderSize) {
            super(listener.isChunkingEnabled(), maxHeaderSize, null, listener.getKeepAlive(), null,
                    listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        }

        @Override
        protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader httpHeader) {
            if ("websocket".equalsIgnoreCase(httpHeader.getUpgrade())) {
                super.onIncomingUpgrade(ctx, httpHeader);
                return;
            }
            httpHeader.getUpgradeDC().recycle();
            httpHeader.getHeaders().removeHeader(Header.Upgrade);
        }
    }
}
