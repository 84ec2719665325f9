package dev.parley.core.spi.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs tasks on their own threads, released together by a barrier, for the contract suites' race tests. */
public final class Together {

    private static final long TIMEOUT_SECONDS = 60;

    private Together() {
    }

    /**
     * Runs {@code threads} copies of a task (given its thread index) at once and returns their
     * results in thread order, failing when any task fails or the whole run outlasts a minute.
     */
    public static <T> List<T> run(int threads, IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> body = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return body.call();
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
