/** The load generator: Netty WebSocket clients driving Parley, raw Tyrus or Node {@code ws}; no Parley code. */
module dev.parley.bench.loadgen {
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.codec;
    requires jakarta.json;
    requires java.net.http;
    requires info.picocli;
    requires HdrHistogram;

    opens dev.parley.bench.loadgen to info.picocli;
}
