package dev.parley.bench.loadgen;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One open WebSocket client connection. {@link #send} may be called from any thread (Netty hands the
 * write to the event loop); the sink is swapped by the scenario between phases. {@link #closeCode()}
 * is the first close code seen: the server's, or 1006 when the socket just went away.
 */
final class WsConn {
    private final Channel channel;
    private volatile WsClient.FrameSink sink;
    private volatile int closeCode;

    WsConn(Channel channel, WsClient.FrameSink sink) {
        this.channel = channel;
        this.sink = sink;
    }

    WsClient.FrameSink sink() {
        return sink;
    }

    void sink(WsClient.FrameSink value) {
        this.sink = value;
    }

    void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** Stops reading from the socket: the server's writes pile up in the kernel and then in the server. */
    void stopReading() {
        channel.config().setAutoRead(false);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    int closeCode() {
        return closeCode;
    }

    void closedBy(int code) {
        if (closeCode == 0) {
            closeCode = code;
        }
    }

    /** Sends a normal close and closes the socket without waiting for the server's answer. */
    void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(f -> channel.close());
        }
    }

    /** Closes the socket at once, without a close handshake (for connections that stopped reading). */
    void abort() {
        channel.close();
    }
}
