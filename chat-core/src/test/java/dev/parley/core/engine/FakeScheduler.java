package dev.parley.core.engine;

import dev.parley.core.spi.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Scheduler} and a {@link Clock} that stand still until a test moves them: {@link #advance}
 * steps the clock to each task that falls due, in due order (ties in the order they were scheduled),
 * and runs it on the calling thread, so a timeout or a delay is tested without waiting. Give an
 * engine both, so that they tell one time:
 * {@code Chat.builder().clock(time.clock()).scheduler(time)}. Shipped in chat-core's test-jar.
 *
 * <p>The engine's tasks hand their work to its executor, so what a task does may still be under way
 * when {@code advance} returns: wait for its outcome (a frame, a future), never for time. Thread-safe:
 * engine threads schedule while a test advances; a task scheduled by another while time is advancing
 * runs in the same call if it falls due within it.
 */
public final class FakeScheduler implements Scheduler {
    private final MutableClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long scheduled;
    private boolean closed;

    /** Starts at {@code 2025-03-01T12:00:00Z}, a whole second. */
    public FakeScheduler() {
        this(MutableClock.START);
    }

    public FakeScheduler(Instant start) {
        this.clock = new MutableClock(start);
    }

    /** The clock this scheduler moves; it never moves by itself. */
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(delay, "delay");
        if (closed) {
            throw new RejectedExecutionException("the fake scheduler is closed");
        }
        Instant now = clock.instant();
        Task t = new Task(task, delay.isNegative() ? now : now.plus(delay), scheduled++);
        queue.add(t);
        notifyAll();
        return t::cancel;
    }

    /**
     * Moves time forward by {@code step}, running every task due up to the new time, each with the
     * clock at its due time.
     */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, got " + step);
        }
        Instant until = clock.instant().plus(step);
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                while (next != null && next.done.get()) {
                    queue.poll();
                    next = queue.peek();
                }
                if (next == null || next.due.isAfter(until)) {
                    clock.advance(Duration.between(clock.instant(), until));
                    return;
                }
                queue.poll();
                if (next.due.isAfter(clock.instant())) {
                    clock.advance(Duration.between(clock.instant(), next.due));
                }
            }
            if (next.done.compareAndSet(false, true)) {
                next.task.run();
            }
        }
    }

    /** Runs the tasks due now, without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks scheduled, not yet run and not cancelled. */
    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.done.get()).count();
    }

    /**
     * Waits until at least {@code count} tasks are pending: for a task that an engine thread is about
     * to schedule, as the next run of a repeating one.
     *
     * @throws AssertionError if they are not there within {@code timeout}
     */
    public synchronized void awaitPending(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(pending() + " of " + count + " tasks pending after " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Whether {@link #close()} was called (an engine must not close a scheduler it was given). */
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    private static final class Task implements Comparable<Task> {
        final Runnable task;
        final Instant due;
        final long order;
        /** Set when the task runs or is cancelled, whichever comes first. */
        final AtomicBoolean done = new AtomicBoolean();

        Task(Runnable task, Instant due, long order) {
            this.task = task;
            this.due = due;
            this.order = order;
        }

        boolean cancel() {
            return done.compareAndSet(false, true);
        }

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }
}
