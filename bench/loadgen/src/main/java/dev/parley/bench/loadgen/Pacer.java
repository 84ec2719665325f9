package dev.parley.bench.loadgen;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes at a fixed rate, open loop: message {@code i} is due at {@code start + i / rate}, and its
 * payload carries that intended time whether or not the pacer manages to send it then. A pacer that
 * falls behind sends late (its lag is reported) and the lateness shows in every delivery's latency:
 * no coordinated omission. Runs on the calling thread, bounded by {@code count}.
 */
final class Pacer {
    private Pacer() {
    }

    /** One publishing client: its connection, the room it publishes to and how many should get each message. */
    record Publisher(WsConn conn, String room, int subscribers) {
    }

    /** Turns a payload into the frame a target expects (Parley's send frame, or the bare text). */
    interface Framing {
        String frame(Publisher p, String payload, int index);
    }

    /** What the run did: messages sent, and how late the pacer was at worst. */
    record Result(int sent, long startNanos, long endNanos, long maxLagNanos) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    static Result run(Ledger ledger, List<Publisher> publishers, double messagesPerSecond, int count, Framing framing) {
        if (count > ledger.capacity()) {
            throw new IllegalArgumentException("count " + count + " exceeds the ledger's capacity " + ledger.capacity());
        }
        double intervalNanos = 1e9 / messagesPerSecond;
        long start = System.nanoTime() + 1_000_000;
        long maxLag = 0;
        int sent = 0;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * intervalNanos);
            long now = System.nanoTime();
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            maxLag = Math.max(maxLag, now - due);
            Publisher p = publishers.get(i % publishers.size());
            if (!p.conn().isOpen()) {
                continue;
            }
            ledger.expect(i, p.subscribers());
            p.conn().send(framing.frame(p, Payload.text(ledger.phase, i, due), i));
            sent++;
        }
        return new Result(sent, start, System.nanoTime(), maxLag);
    }

    /** Parley's send frame; the client message id names the phase and index, so acks can be matched. */
    static String parleySend(String room, String payload, int phase, int index) {
        return "{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + payload + "\",\"clientMsgId\":\"b" + phase + "-"
                + index + "\"}";
    }
}
