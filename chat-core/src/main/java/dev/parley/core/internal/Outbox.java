package dev.parley.core.internal;

import dev.parley.core.spi.Connection;
import dev.parley.core.spi.OutboundFrame;
import dev.parley.protocol.CloseCodes;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded outbound queue of one connection. Frames are written one at a time through the
 * adapter's asynchronous send; offering never blocks, so a slow client never slows the thread that
 * fans a message out. When the queue would exceed its limit the connection is closed with 1013 and
 * everything queued is dropped (the client resumes with {@code subscribe ... since}).
 */
final class Outbox {

    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final Connection connection;
    private final int limit;
    private final Executor closer;
    private final Runnable onClosed;
    private final Runnable onOverflow;
    private final ArrayDeque<OutboundFrame> queue = new ArrayDeque<>();
    /** Drain-loop guard: the thread that raises it from 0 drains; others only leave work for it. */
    private final AtomicInteger wip = new AtomicInteger();
    private boolean inFlight;
    private boolean closed;
    private Runnable whenLow;
    private int lowMark;

    /**
     * @param closer   runs the close of an overflowing or failed connection, which an adapter may do
     *                 synchronously: never on the thread that offered (it may hold a room's lock)
     * @param onClosed told after such a close
     * @param onOverflow told when the queue overflows, before the close with 1013 (the metrics' slow consumers)
     */
    Outbox(Connection connection, int limit, Executor closer, Runnable onClosed, Runnable onOverflow) {
        this.onOverflow = onOverflow;
        this.connection = connection;
        this.limit = limit;
        this.closer = closer;
        this.onClosed = onClosed;
    }

    private void closeLater(int code, String reason) {
        Runnable close = () -> {
            try {
                connection.close(code, reason);
            } finally {
                onClosed.run();
            }
        };
        try {
            closer.execute(close);
        } catch (RejectedExecutionException shuttingDown) {
            close.run();
        }
    }

    /**
     * Queues a frame.
     *
     * @return false when the outbox is closed, or has just closed because the frame overflowed it
     */
    boolean offer(OutboundFrame frame) {
        boolean idle = false;
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (!inFlight && queue.isEmpty()) {
                // Nothing queued or being written: write it now, without a trip through the queue.
                inFlight = true;
                idle = true;
            } else if (queue.size() >= limit) {
                closed = true;
                queue.clear();
                whenLow = null;
                overflow = true;
            } else {
                queue.add(frame);
            }
        }
        if (overflow) {
            onOverflow.run();
            closeLater(CloseCodes.TRY_AGAIN_LATER, "outbound queue full: resume with subscribe since");
            return false;
        }
        if (idle) {
            send(frame);
        } else {
            drain();
        }
        return true;
    }

    /** Frames waiting, not counting one being written. */
    synchronized int queued() {
        return queue.size();
    }

    /** Room left before the limit. */
    synchronized int free() {
        return limit - queue.size();
    }

    /**
     * Runs {@code task} once the queue holds at most {@code mark} frames: now, on this thread, if it
     * already does; else on the thread that completes the send that brings it there. Replaces any
     * earlier such task. Never runs if the outbox closes first.
     */
    void whenAtMost(int mark, Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() > mark) {
                whenLow = task;
                lowMark = mark;
                return;
            }
        }
        task.run();
    }

    /** Closes the connection with a code; queued frames are dropped. */
    void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            whenLow = null;
        }
        connection.close(code, reason);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            OutboundFrame next;
            Runnable low = null;
            synchronized (this) {
                if (closed || inFlight) {
                    next = null;
                } else {
                    next = queue.poll();
                    if (next != null) {
                        inFlight = true;
                    }
                }
                if (whenLow != null && queue.size() <= lowMark) {
                    low = whenLow;
                    whenLow = null;
                }
            }
            if (next != null) {
                send(next);
            }
            if (low != null) {
                low.run();
            }
        } while (wip.decrementAndGet() != 0);
    }

    private void send(OutboundFrame frame) {
        try {
            connection.send(frame).whenComplete((ok, failure) -> {
                if (failure != null) {
                    failed(failure);
                } else {
                    synchronized (this) {
                        inFlight = false;
                    }
                    drain();
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "send failed, closing connection", failure);
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
            queue.clear();
            whenLow = null;
        }
        if (first) {
            closeLater(CloseCodes.SERVER_ERROR, "send failed");
        }
    }
}
