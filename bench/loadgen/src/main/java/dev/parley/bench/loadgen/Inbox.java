package dev.parley.bench.loadgen;

import io.netty.buffer.ByteBuf;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where every text frame of a target's connections lands, on the event-loop thread. A frame with a
 * payload marker is a delivery for the current {@link Ledger}; of Parley's other frames it counts
 * {@code subscribed} and {@code welcome}, hands {@code ack} and {@code error} frames to the current
 * {@link AckHandler}, tallies error codes, and ignores the rest (presence, typing). Phases swap the
 * ledger and handler through volatile fields.
 */
final class Inbox implements WsClient.FrameSink {
    private volatile Ledger ledger;
    private volatile AckHandler acks = AckHandler.NONE;
    final LongAdder subscribed = new LongAdder();
    final LongAdder welcomes = new LongAdder();
    final LongAdder closed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** Reacts to Parley's answers to send frames; runs on the event loop, must not block. */
    interface AckHandler {
        AckHandler NONE = new AckHandler() {
        };

        default void ack(WsConn conn, String clientMsgId, long nowNanos) {
        }

        default void refused(WsConn conn, String code, String ref, long nowNanos) {
        }
    }

    void ledger(Ledger value) {
        this.ledger = value;
    }

    void acks(AckHandler value) {
        this.acks = value == null ? AckHandler.NONE : value;
    }

    @Override
    public void onText(WsConn conn, ByteBuf text) {
        long now = System.nanoTime();
        Payload.Marker m = Payload.find(text);
        if (m.phase() >= 0) {
            Ledger l = ledger;
            if (l != null) {
                l.delivered(m, now, text.readableBytes());
            }
            return;
        }
        switch (Payload.frameType(text)) {
            case "ack" -> acks.ack(conn, Payload.field(text, "clientMsgId"), now);
            case "subscribed" -> subscribed.increment();
            case "welcome" -> welcomes.increment();
            case "error" -> {
                String code = Payload.field(text, "code");
                errors.computeIfAbsent(code, c -> new LongAdder()).increment();
                acks.refused(conn, code, Payload.field(text, "ref"), now);
            }
            default -> {
                // presence, typing, pong: not measured
            }
        }
    }

    @Override
    public void onClosed(WsConn conn) {
        closed.increment();
    }

    /** Error frames received so far, by code. */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
