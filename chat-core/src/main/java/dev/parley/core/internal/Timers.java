package dev.parley.core.internal;

import dev.parley.core.spi.Scheduler;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's delayed work, over the {@link Scheduler} it was given: a task runs on the engine's
 * executor once its delay has passed, never on the scheduler's thread (which must not be held).
 * {@link #close()} cancels what is still pending, so that a scheduler that outlives the engine (one
 * the engine was given) runs nothing of it afterwards. Thread-safe.
 */
final class Timers {
    private final Scheduler scheduler;
    private final Executor executor;
    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Timers(Scheduler scheduler, Executor executor) {
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** A task to run on the executor {@code delay} from now. Does nothing once closed. */
    Scheduler.Cancellable after(Duration delay, Runnable task) {
        Pending p = new Pending(task);
        if (closed) {
            return p;
        }
        pending.add(p);
        try {
            p.handle = scheduler.schedule(p, delay);
        } catch (RejectedExecutionException shutDown) {
            // The scheduler was closed by its owner: the engine is going too.
            p.cancel();
            return p;
        }
        if (closed) {
            // close() may have passed this task before its handle was set.
            p.cancel();
        }
        return p;
    }

    /** Cancels every pending task; none is scheduled from now on. */
    void close() {
        closed = true;
        for (Pending p : pending) {
            p.cancel();
        }
    }

    private final class Pending implements Runnable, Scheduler.Cancellable {
        private final Runnable task;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Scheduler.Cancellable handle;

        Pending(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            pending.remove(this);
            if (closed) {
                return;
            }
            try {
                executor.execute(task);
            } catch (RejectedExecutionException shuttingDown) {
                // The engine's executor stopped: nobody is left to do this for.
            }
        }

        @Override
        public boolean cancel() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            pending.remove(this);
            Scheduler.Cancellable h = handle;
            if (h != null) {
                h.cancel();
            }
            return true;
        }
    }
}
