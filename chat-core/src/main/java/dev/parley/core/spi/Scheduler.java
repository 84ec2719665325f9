package dev.parley.core.spi;

import dev.parley.core.internal.SystemScheduler;

import java.time.Duration;

/**
 * Runs the engine's delayed tasks: a long poll's timeout, the store read that fills a gap in a
 * room's seq 250 ms after it appeared, retries after a store failure, the hourly purge of expired
 * token revocations. Given to {@code Chat.builder().scheduler(...)}; the default is
 * {@link #system()}. A test gives a scheduler driven by a fake clock (chat-core's test-jar has
 * {@code FakeScheduler}), so that nothing waits real time.
 *
 * <p><b>Time.</b> Delays pass as the engine's {@code Clock} does, since the engine reads that
 * clock when a task runs (whether a remote message has settled, whether a token expired): give one
 * engine a scheduler and a clock that tell the same time, the system scheduler with the system
 * clock (the defaults), a fake scheduler with its own clock.
 *
 * <p><b>Threading.</b> Implementations are thread-safe: {@link #schedule} is called from any
 * engine thread, including while the engine holds a room's lock, so it must return at once and never
 * run the task itself. A task runs once, on a thread of the scheduler's, no earlier than its delay
 * after it was scheduled; tasks must not block, and the engine's own only hand their work to the
 * engine's executor.
 *
 * <p><b>Lifecycle.</b> The engine never closes a scheduler it was given: its owner does, after
 * closing the engine. The default that the engine creates when it is given none is its own, and
 * {@code Chat.close()} closes it.
 */
@FunctionalInterface
public interface Scheduler extends AutoCloseable {

    /**
     * Runs {@code task} once, {@code delay} from now (a zero or negative delay: as soon as possible).
     *
     * @return a handle that cancels the task if it has not started
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is closed
     */
    Cancellable schedule(Runnable task, Duration delay);

    /** Stops running tasks and releases the scheduler's threads; tasks not yet run never run. The default does nothing. */
    @Override
    default void close() {
    }

    /**
     * A new scheduler on one daemon thread of its own, whose delays pass in real time (measured
     * with {@link System#nanoTime()}). Its owner closes it; tasks scheduled after that are refused.
     */
    static Scheduler system() {
        return new SystemScheduler();
    }

    /** A scheduled task, which can be called off. Thread-safe. */
    @FunctionalInterface
    interface Cancellable {

        /**
         * Cancels the task if it has not started; does nothing if it has run, is running or was cancelled.
         *
         * @return whether this call kept the task from running
         */
        boolean cancel();
    }
}
