package dev.parley.standalone.internal.ops;

import dev.parley.core.ChatMetrics;
import dev.parley.protocol.MessageKind;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The engine's {@link ChatMetrics}, passed on to {@code next}, with rate-limit refusals also
 * summarised in the log: one line per {@code period} in which there were any
 * ({@code 37 requests refused with RATE_LIMITED in the last 60 s (login: 2, send: 35)}), never one
 * line per refusal, so that a client hammering the server cannot flood the log. It names no user:
 * the log carries no personal data beyond what an operator needs.
 *
 * <p>Lifecycle: {@link #start()} runs the summary on a daemon thread; {@link #close()} writes what is
 * pending and stops it. Thread-safe.
 */
public final class RefusalLog implements ChatMetrics, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

    private final ChatMetrics next;
    private final Duration period;
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-refusal-log");
        t.setDaemon(true);
        return t;
    });

    public RefusalLog(ChatMetrics next, Duration period) {
        this.next = Objects.requireNonNull(next, "next");
        this.period = Objects.requireNonNull(period, "period");
    }

    /** Starts the periodic summary. */
    public RefusalLog start() {
        timer.scheduleAtFixedRate(this::flush, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Logs the refusals counted since the last line, if any, and starts counting again. */
    void flush() {
        TreeMap<String, Long> counted = new TreeMap<>();
        refusals.forEach((limit, n) -> {
            long sum = n.sumThenReset();
            if (sum > 0) {
                counted.put(limit, sum);
            }
        });
        if (counted.isEmpty()) {
            return;
        }
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder by = new StringBuilder();
        counted.forEach((limit, n) -> by.append(by.length() == 0 ? "" : ", ").append(limit).append(": ").append(n));
        LOG.info(total + (total == 1 ? " request" : " requests") + " refused with RATE_LIMITED in the last "
                + period.toSeconds() + " s (" + by + ")");
    }

    @Override
    public void rateLimited(String limit) {
        refusals.computeIfAbsent(limit, l -> new LongAdder()).increment();
        next.rateLimited(limit);
    }

    @Override
    public void bind(Gauges gauges) {
        next.bind(gauges);
    }

    @Override
    public void stored(MessageKind kind, long nanos) {
        next.stored(kind, nanos);
    }

    @Override
    public void storeFailed(long nanos) {
        next.storeFailed(nanos);
    }

    @Override
    public void pageRead(long nanos) {
        next.pageRead(nanos);
    }

    @Override
    public void delivered(int recipients) {
        next.delivered(recipients);
    }

    @Override
    public void slowConsumerDropped() {
        next.slowConsumerDropped();
    }

    @Override
    public void replayed(int messages) {
        next.replayed(messages);
    }

    @Override
    public void busLag(Duration lag) {
        next.busLag(lag);
    }

    @Override
    public void httpResponse(int status) {
        next.httpResponse(status);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
