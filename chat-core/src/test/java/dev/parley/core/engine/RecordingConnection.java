package dev.parley.core.engine;

import dev.parley.core.spi.Connection;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A test {@link Connection} that records every frame it is sent (decoded) and its close code.
 * With {@code stalled}, no send ever completes, like a client that never reads.
 */
final class RecordingConnection implements Connection {
    private final LinkedBlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
    private final boolean stalled;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile int closeCode;

    RecordingConnection() {
        this(false);
    }

    RecordingConnection(boolean stalled) {
        this.stalled = stalled;
    }

    @Override
    public CompletionStage<?> send(String frame) {
        if (stalled) {
            return new CompletableFuture<>();
        }
        frames.add(FrameCodec.decodeServer(frame));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closedLatch.countDown();
    }

    /** Waits for the next frame matching {@code test}, discarding the frames before it. */
    <T extends ServerFrame> T next(Class<T> type, Predicate<T> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerFrame f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (f == null) {
                fail("no " + type.getSimpleName() + " frame within " + timeout);
            }
            if (type.isInstance(f) && test.test(type.cast(f))) {
                return type.cast(f);
            }
        }
    }

    <T extends ServerFrame> T next(Class<T> type) throws InterruptedException {
        return next(type, f -> true, Duration.ofSeconds(10));
    }

    /** Takes frames until {@code count} of the given type have arrived. */
    <T extends ServerFrame> List<T> take(Class<T> type, int count, Duration timeout) throws InterruptedException {
        List<T> out = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            ServerFrame f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (f == null) {
                fail("got " + out.size() + " of " + count + " " + type.getSimpleName() + " frames within " + timeout);
            }
            if (type.isInstance(f)) {
                out.add(type.cast(f));
            }
        }
        return out;
    }

    /**
     * Takes frames up to and including the next one of type {@code marker}, returning those before it.
     * With a marker the engine sends in order after some work (a pong after a ping), this is every
     * frame that work produced, with no sleeping.
     */
    List<ServerFrame> until(Class<? extends ServerFrame> marker, Duration timeout) throws InterruptedException {
        List<ServerFrame> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerFrame f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (f == null) {
                fail("no " + marker.getSimpleName() + " frame within " + timeout + "; before it: " + out);
            }
            if (marker.isInstance(f)) {
                return out;
            }
            out.add(f);
        }
    }

    /** Frames received so far and not yet taken. */
    List<ServerFrame> drain() {
        List<ServerFrame> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    boolean awaitClose(Duration timeout) throws InterruptedException {
        return closedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int closeCode() {
        return closeCode;
    }
}
