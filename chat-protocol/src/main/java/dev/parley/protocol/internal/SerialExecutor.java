package dev.parley.protocol.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after another, in submission order, on a shared executor: one client's frames
 * are handled in the order they arrived without a thread per client (and, in chat-client-sdk,
 * listener callbacks never overlap). A task that throws is logged and the next one runs. Internal:
 * public only so that chat-client-sdk shares it.
 */
public final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /**
     * Queues a task.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the underlying executor refuses to
     *                                                          run the queue; the queue is then dropped
     */
    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            delegate.execute(this::runAll);
        } catch (RuntimeException rejected) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
            throw rejected;
        }
    }

    private void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "task failed", e);
            }
        }
    }
}
