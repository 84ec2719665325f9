package dev.parley.bench.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The books of one measured phase: how many subscribers each published message should reach, how
 * many it reached, and the latency of every delivery from the message's intended send time. The
 * pacing thread calls {@link #expect} before it sends message {@code index}; the event loop calls
 * {@link #delivered}. A delivery carrying another phase's number (a straggler from an earlier phase)
 * is counted apart and otherwise ignored.
 */
final class Ledger {
    private static final AtomicLong PHASES = new AtomicLong();

    final int phase = nextPhase();
    private final int capacity;
    private final int[] expected;
    private final AtomicIntegerArray got;
    private final AtomicLong outstanding = new AtomicLong();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder strays = new LongAdder();
    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toNanos(2), 3);
    private volatile long lastDeliveryNanos;
    private volatile int published;

    Ledger(int capacity) {
        this.capacity = capacity;
        this.expected = new int[capacity];
        this.got = new AtomicIntegerArray(capacity);
    }

    /** A phase number no other phase of this run has. */
    static int nextPhase() {
        return (int) PHASES.incrementAndGet();
    }

    int capacity() {
        return capacity;
    }

    /** Before sending message {@code index}: it should reach {@code subscribers} clients. */
    void expect(int index, int subscribers) {
        expected[index] = subscribers;
        outstanding.addAndGet(subscribers);
        published = Math.max(published, index + 1);
    }

    /** One client received a message of phase {@code phase}, in a frame of {@code frameBytes} (its payload's length). */
    void delivered(Payload.Marker m, long nowNanos, int frameBytes) {
        if (m.phase() != phase || m.index() < 0 || m.index() >= capacity) {
            strays.increment();
            return;
        }
        got.incrementAndGet(m.index());
        outstanding.decrementAndGet();
        deliveries.increment();
        bytes.add(frameBytes);
        latency.recordValue(Math.max(0, Math.min(nowNanos - m.intendedNanos(), TimeUnit.MINUTES.toNanos(2))));
        lastDeliveryNanos = nowNanos;
    }

    /** Waits until every expected delivery arrived or {@code timeoutNanos} passed; true when none is outstanding. */
    boolean drain(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return outstanding.get() <= 0;
    }

    long deliveries() {
        return deliveries.sum();
    }

    /** The mean length of the delivered frames' payloads, in bytes (NaN before any delivery). */
    double meanFrameBytes() {
        long n = deliveries.sum();
        return n == 0 ? Double.NaN : bytes.sum() / (double) n;
    }

    long strays() {
        return strays.sum();
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    int published() {
        return published;
    }

    /** Deliveries that never came, summed over the published messages. */
    long missing() {
        long m = 0;
        for (int i = 0; i < published; i++) {
            m += Math.max(0, expected[i] - got.get(i));
        }
        return m;
    }

    /** Deliveries beyond the expected count (a client receiving a message twice). */
    long duplicates() {
        long d = 0;
        for (int i = 0; i < published; i++) {
            d += Math.max(0, got.get(i) - expected[i]);
        }
        return d;
    }

    long expectedTotal() {
        long e = 0;
        for (int i = 0; i < published; i++) {
            e += expected[i];
        }
        return e;
    }

    /** The latency histogram of this phase's deliveries so far (call once, after the drain). */
    Histogram latency() {
        return latency.getIntervalHistogram();
    }
}
