package dev.parley.bench.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Parley senders in a closed loop: each keeps {@code window} send frames in flight and sends the next
 * one when Parley acknowledges (or refuses) one, so the rate is what the server sustains. An ack comes
 * only once the message is stored, so acks per second is stored messages per second. Used by S3 and to
 * seed the paging histories, where a RATE_LIMITED refusal is retried later instead of counted.
 * Bounded by the message count and a deadline.
 */
final class ClosedLoop implements Inbox.AckHandler {
    private final List<WsConn> senders;
    private final List<String> rooms;
    private final int perSender;
    private final int window;
    private final boolean retryRateLimited;
    private final int phase;
    private final AtomicInteger[] next;
    private final long[] sentAt;
    private final AtomicIntegerArray done;
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toNanos(2), 3);
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private volatile long lastAckNanos;

    /** What one run did. */
    record Result(int acked, int refused, int retried, double seconds, Histogram ackLatency) {
        double ackedPerSecond() {
            return acked / seconds;
        }
    }

    ClosedLoop(List<WsConn> senders, List<String> rooms, int perSender, int window, boolean retryRateLimited) {
        this.senders = senders;
        this.rooms = rooms;
        this.perSender = perSender;
        this.window = window;
        this.retryRateLimited = retryRateLimited;
        this.phase = Ledger.nextPhase();
        this.next = new AtomicInteger[senders.size()];
        for (int s = 0; s < senders.size(); s++) {
            next[s] = new AtomicInteger();
        }
        this.sentAt = new long[senders.size() * perSender];
        this.done = new AtomicIntegerArray(sentAt.length);
    }

    /** Runs until every message is acknowledged or refused, or {@code timeoutSeconds} pass. */
    Result run(Inbox inbox, int timeoutSeconds) {
        inbox.acks(this);
        long t0 = System.nanoTime();
        lastAckNanos = t0;
        try {
            for (int s = 0; s < senders.size(); s++) {
                for (int w = 0; w < window; w++) {
                    sendNext(s);
                }
            }
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (acked.get() + refused.get() < sentAt.length && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } finally {
            inbox.acks(null);
            retries.shutdownNow();
        }
        return new Result(acked.get(), refused.get(), retried.get(), (lastAckNanos - t0) / 1e9, latency.getIntervalHistogram());
    }

    private void sendNext(int s) {
        int k = next[s].getAndIncrement();
        if (k < perSender) {
            send(s * perSender + k);
        }
    }

    private void send(int idx) {
        int s = idx / perSender;
        long now = System.nanoTime();
        sentAt[idx] = now;
        senders.get(s).send(Pacer.parleySend(rooms.get(s), Payload.text(phase, idx, now), phase, idx));
    }

    private int indexOf(String clientMsgId) {
        String prefix = "b" + phase + "-";
        if (!clientMsgId.startsWith(prefix)) {
            return -1;
        }
        try {
            int idx = Integer.parseInt(clientMsgId.substring(prefix.length()));
            return idx >= 0 && idx < sentAt.length ? idx : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void ack(WsConn conn, String clientMsgId, long nowNanos) {
        int idx = indexOf(clientMsgId);
        if (idx < 0 || !done.compareAndSet(idx, 0, 1)) {
            return;
        }
        latency.recordValue(Math.min(nowNanos - sentAt[idx], TimeUnit.MINUTES.toNanos(2)));
        lastAckNanos = nowNanos;
        acked.incrementAndGet();
        sendNext(idx / perSender);
    }

    @Override
    public void refused(WsConn conn, String code, String ref, long nowNanos) {
        int idx = indexOf(ref);
        if (idx < 0 || done.get(idx) != 0) {
            return;
        }
        if (retryRateLimited && code.equals("RATE_LIMITED")) {
            retried.incrementAndGet();
            retries.schedule(() -> send(idx), 250, TimeUnit.MILLISECONDS);
            return;
        }
        if (done.compareAndSet(idx, 0, 2)) {
            refused.incrementAndGet();
            sendNext(idx / perSender);
        }
    }
}
