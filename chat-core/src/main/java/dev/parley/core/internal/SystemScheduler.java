package dev.parley.core.internal;

import dev.parley.core.spi.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Scheduler#system()}: one daemon thread with a delay queue. A cancelled task leaves the
 * queue at once, so the timeouts of long polls answered early do not pile up. Not API.
 */
public final class SystemScheduler implements Scheduler {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ScheduledThreadPoolExecutor timer;

    public SystemScheduler() {
        String name = "parley-timer-" + INSTANCES.incrementAndGet();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        ScheduledFuture<?> f = timer.schedule(task, nanos(delay), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static long nanos(Duration delay) {
        try {
            return Math.max(0, delay.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
