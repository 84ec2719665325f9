package dev.parley.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link LifecycleHistoryBenchmark}'s pages timed in CPU time of the reading thread instead of wall
 * time, for a machine shared with other work: with many more runnable threads than cores, JMH's
 * average time mostly measures how long the thread waited for a core. Each page method runs a
 * warm-up, then batches of calls, and the CPU nanoseconds per call of each batch are printed as
 * their median and minimum (cache pollution by the other processes still shows, less so in the minimum).
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.parley.bench.jmh.HistoryCpuTime memory chat,reactions</pre>
 */
public final class HistoryCpuTime {
    private static final int WARMUP_CALLS = 20_000;
    private static final int BATCHES = 11;
    private static final int BATCH_CALLS = 2_000;

    private HistoryCpuTime() {
    }

    public static void main(String[] args) {
        String store = args.length > 0 ? args[0] : "memory";
        String[] logs = (args.length > 1 ? args[1] : "chat,reactions").split(",");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String log : logs) {
            LifecycleHistoryBenchmark b = new LifecycleHistoryBenchmark();
            b.store = store;
            b.log = log;
            b.entries = 100_000;
            b.meanGapMillis = 2000;
            b.fill();
            // A full collection first: the fill leaves the log in allocation order, every message
            // replaced by an edit or a reaction far from its neighbours, and whether a collection
            // happens to compact it before the timed batches or in the middle of them moved the
            // random page 2-3x between runs of the same jar. A server that has run for a while has
            // been collected many times.
            System.gc();
            try {
                time(cpu, store, log, "latestPage", b::latestPage);
                time(cpu, store, log, "pageBeforeRandomSeq", b::pageBeforeRandomSeq);
            } finally {
                b.tearDown();
            }
        }
    }

    private static void time(ThreadMXBean cpu, String store, String log, String name, Supplier<?> page) {
        int warmup = store.equals("memory") ? WARMUP_CALLS : WARMUP_CALLS / 100;
        int calls = store.equals("memory") ? BATCH_CALLS : BATCH_CALLS / 100;
        for (int i = 0; i < warmup; i++) {
            page.get();
        }
        double[] perCall = new double[BATCHES];
        for (int batch = 0; batch < BATCHES; batch++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                page.get();
            }
            perCall[batch] = (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / calls;
        }
        Arrays.sort(perCall);
        System.out.printf(Locale.ROOT, "CPU %s %s %s: median %.2f us, min %.2f us, max %.2f us (%d batches of %d)%n",
                store, log, name, perCall[BATCHES / 2], perCall[0], perCall[BATCHES - 1], BATCHES, calls);
    }
}
