package dev.parley.bench.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * What every scenario shares: the plan, the targets in interleaving order, the WebSocket client, the
 * probes, the report and Parley's user pools. Scenarios run one after another on the main thread.
 */
final class Bench implements AutoCloseable {
    final Plan plan;
    final List<Target> targets;
    /** The PostgreSQL-backed Parley targets of S1X2 (one node, and several sharing a database). */
    final List<Target> clusterTargets;
    final WsClient client;
    final Probe probe = new Probe();
    final Report report;
    private final Map<Target, ParleyUsers> users = new HashMap<>();

    Bench(Plan plan, List<Target> targets, List<Target> clusterTargets, Report report) {
        this.plan = plan;
        this.targets = List.copyOf(targets);
        this.clusterTargets = List.copyOf(clusterTargets);
        this.report = report;
        this.client = new WsClient(1);
    }

    /** Parley's user pool on {@code t}, with at least {@code n} users logged in. */
    ParleyUsers users(Target t, int n) {
        ParleyUsers u = users.computeIfAbsent(t, k -> new ParleyUsers(new ParleyApi(k)));
        int before = u.size();
        double secs = u.ensure(n);
        if (u.size() > before) {
            report.note(String.format(Locale.ROOT, "%s: registered and logged in %d users in %.1f s (%.1f/s; each is"
                    + " two password hashes)", t.name(), u.size() - before, secs, (u.size() - before) / secs));
        }
        return u;
    }

    List<Target> parleyTargets() {
        return targets.stream().filter(Target::isParley).toList();
    }

    /**
     * Waits (at most 30 s) until the servers together use under 5% of a core over 250 ms, so that a
     * target still working off a backlog (they share one core) cannot steal from the next one's phase.
     */
    void waitIdle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long before = serversCpu();
            long t0 = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            double share = (serversCpu() - before) / (double) (System.nanoTime() - t0);
            if (share < 0.05) {
                return;
            }
        }
        report.note("servers still busy after 30 s of waiting; measuring anyway");
    }

    private long serversCpu() {
        long sum = 0;
        for (Target t : targets) {
            sum += probe.cpuNanos(t);
        }
        for (Target t : clusterTargets) {
            sum += probe.cpuNanos(t);
        }
        return sum;
    }

    /** Runs {@code task(0..n-1)} on four threads (REST setup calls) and fails if any of them failed. */
    static void parallel(int n, IntConsumer task) {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                done.add(pool.submit(() -> task.accept(k)));
            }
            for (var f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** An ordered map for a result row. */
    static Map<String, Double> metrics() {
        return new LinkedHashMap<>();
    }

    @Override
    public void close() {
        client.close();
    }
}
