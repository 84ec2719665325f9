package dev.parley.core.internal;

import dev.parley.core.spi.OutboundFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;

/** Encodes server frames for the outboxes: once per frame, however many sessions it goes to. */
final class Frames {
    private Frames() {
    }

    static OutboundFrame of(ServerFrame frame) {
        return OutboundFrame.of(FrameCodec.encode(frame));
    }
}
