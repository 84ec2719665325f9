package dev.parley.standalone.internal.http;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
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
 *
 * <p>The listener gets this codec as {@link JsonErrorCodec}, which also answers the codec's own
 * refusals with the contract's JSON body (see {@link ContractErrors#addOn()}).
 */
public final class WebSocketOnlyUpgrades {
    private WebSocketOnlyUpgrades() {
    }

    /**
     * The codec: WebSocket upgrades go on as before, other upgrades are dropped from the request.
     * {@link JsonErrorCodec} extends it and {@link ContractErrors#addOn()} puts it in the listener's chain.
     */
    static class Codec extends HttpServerFilter {
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
