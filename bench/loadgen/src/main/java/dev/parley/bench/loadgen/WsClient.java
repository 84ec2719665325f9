package dev.parley.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens WebSocket client connections on one shared Netty event loop (one thread: the load generator
 * has a core of its own and one thread uses it best). Each connection completes its future once the
 * handshake is done, hands every text frame to its {@link WsConn#sink()} on the event-loop thread,
 * and records the close code the server sent. Thread-safe; close it to stop the event loop.
 */
final class WsClient implements AutoCloseable {
    private final EventLoopGroup group;

    WsClient(int threads) {
        this.group = new NioEventLoopGroup(threads);
    }

    /**
     * Connects to {@code uri} (ws://127.0.0.1 only).
     *
     * @param receiveBuffer the socket's SO_RCVBUF in bytes, or 0 for the system default (slow consumers use a small one)
     */
    CompletableFuture<WsConn> connect(URI uri, FrameSink sink, int receiveBuffer) {
        if (!"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("the load generator only targets 127.0.0.1, not " + uri.getHost());
        }
        CompletableFuture<WsConn> opened = new CompletableFuture<>();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .maxFramePayloadLength(1 << 20)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(30_000)
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (receiveBuffer > 0) {
                            ch.config().setReceiveBufferSize(receiveBuffer);
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(1 << 20),
                                new Handler(new WsConn(ch, sink), opened));
                    }
                });
        ChannelFuture f = bootstrap.connect(uri.getHost(), uri.getPort());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                opened.completeExceptionally(done.cause());
            }
        });
        return opened;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Receives a connection's text frames on the event-loop thread; must not block. */
    interface FrameSink {
        void onText(WsConn conn, ByteBuf text);

        /** Called once when the connection is gone. */
        default void onClosed(WsConn conn) {
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WsConn conn;
        private final CompletableFuture<WsConn> opened;

        Handler(WsConn conn, CompletableFuture<WsConn> opened) {
            this.conn = conn;
            this.opened = opened;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened.complete(conn);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IllegalStateException("handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                conn.sink().onText(conn, frame.content());
            } else if (frame instanceof CloseWebSocketFrame close) {
                conn.closedBy(close.statusCode());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            opened.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
            conn.closedBy(1006);
            conn.sink().onClosed(conn);
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }
    }
}
