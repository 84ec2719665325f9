package dev.parley.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One open-loop publishing phase against one target, shared by the fan-out scenarios: pace the
 * messages, wait for the deliveries to drain, and turn the ledger and the probes into metrics
 * (deliveries/s, server CPU per delivery, latency percentiles from the intended send time, missing
 * and duplicate deliveries, the mean size of a delivered frame, the load generator's own CPU share
 * and lag).
 */
final class Broadcast {

    private Broadcast() {
    }

    /** The frame a publisher sends: Parley's send frame, or the bare payload for the baselines. */
    static Pacer.Framing framing(Target t, int phase) {
        if (t.isParley()) {
            return (p, payload, i) -> Pacer.parleySend(p.room(), payload, phase, i);
        }
        return (p, payload, i) -> payload;
    }

    /**
     * Publishes {@code messagesPerSecond} for {@code seconds} through {@code publishers} (round robin)
     * and measures it.
     */
    static Map<String, Double> phase(Bench b, Fleet fleet, List<Pacer.Publisher> publishers, double messagesPerSecond,
                                     double seconds) {
        return phase(b, fleet, publishers, messagesPerSecond, seconds, phase -> framing(fleet.target, phase));
    }

    /** How many messages a phase of this rate and length publishes. */
    static int count(double messagesPerSecond, double seconds) {
        return Math.max(1, (int) Math.round(messagesPerSecond * seconds));
    }

    /**
     * As {@link #phase(Bench, Fleet, List, double, double)}, with the frames that {@code framing} makes
     * for the phase's number (S7 sends reactions and edits as well as chat messages).
     */
    static Map<String, Double> phase(Bench b, Fleet fleet, List<Pacer.Publisher> publishers, double messagesPerSecond,
                                     double seconds, IntFunction<Pacer.Framing> framing) {
        b.waitIdle();
        int count = count(messagesPerSecond, seconds);
        Ledger ledger = new Ledger(count);
        fleet.inbox.ledger(ledger);
        Target t = fleet.target;
        long errors0 = fleet.inbox.errorCount();
        long[] nodeCpu0 = nodeCpu(b, t);
        long cpu0 = b.probe.cpuNanos(t);
        long self0 = b.probe.selfCpuNanos();
        long wall0 = System.nanoTime();
        long epoch0 = System.currentTimeMillis();
        Pacer.Result sent = Pacer.run(ledger, publishers, messagesPerSecond, count, framing.apply(ledger.phase));
        // Deliveries still out this long after the last send count as missing (late beyond the phase).
        boolean complete = ledger.drain(TimeUnit.SECONDS.toNanos(b.plan.phaseSeconds() + 2L));
        long wall1 = System.nanoTime();
        long cpu1 = b.probe.cpuNanos(t);
        long[] nodeCpu1 = nodeCpu(b, t);
        long self1 = b.probe.selfCpuNanos();
        fleet.inbox.ledger(null);
        if (fleet.inbox.errorCount() > errors0) {
            b.report.note(t.name() + ": error frames so far, by code: " + fleet.inbox.errors());
        }

        long deliveries = ledger.deliveries();
        long end = Math.max(sent.endNanos(), complete ? ledger.lastDeliveryNanos() : wall1);
        double secondsTaken = (end - sent.startNanos()) / 1e9;
        Histogram h = ledger.latency();
        Map<String, Double> m = Bench.metrics();
        m.put("offered_dps", (double) ledger.expectedTotal() / sent.seconds());
        m.put("delivered_dps", deliveries / secondsTaken);
        m.put("cpu_us_per_dlv", deliveries == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / deliveries);
        m.put("p50_ms", ms(h.getValueAtPercentile(50)));
        m.put("p99_ms", ms(h.getValueAtPercentile(99)));
        m.put("p999_ms", ms(h.getValueAtPercentile(99.9)));
        m.put("max_ms", ms(h.getMaxValue()));
        m.put("missing", (double) ledger.missing());
        m.put("duplicates", (double) ledger.duplicates());
        m.put("msgs", (double) sent.sent());
        m.put("frame_bytes", ledger.meanFrameBytes());
        m.put("errors", (double) (fleet.inbox.errorCount() - errors0));
        m.put("server_cpu_pct", 100.0 * (cpu1 - cpu0) / (wall1 - wall0));
        if (t.nodes().size() > 1) {
            // How the work split between the nodes: each node's share of the one core they are pinned to.
            for (int i = 0; i < nodeCpu0.length; i++) {
                m.put("node" + (i + 1) + "_cpu_pct", 100.0 * (nodeCpu1[i] - nodeCpu0[i]) / (wall1 - wall0));
            }
        }
        m.put("loadgen_cpu_pct", 100.0 * (self1 - self0) / (wall1 - wall0));
        m.put("pacer_lag_ms", ms(sent.maxLagNanos()));
        // When the phase ran (Unix seconds), to find it in a JFR recording of the server.
        m.put("start_unix_s", epoch0 / 1e3);
        m.put("end_unix_s", epoch0 / 1e3 + (wall1 - wall0) / 1e9);
        return m;
    }

    private static long[] nodeCpu(Bench b, Target t) {
        long[] cpu = new long[t.nodes().size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = b.probe.cpuNanos(t.nodes().get(i).pid());
        }
        return cpu;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Whether a target did not keep up: it delivered too slowly, lost deliveries or its latency exploded. */
    static boolean fellBehind(Map<String, Double> m) {
        return m.get("delivered_dps") < 0.9 * m.get("offered_dps") || m.get("missing") > 0 || m.get("p99_ms") > 1000;
    }
}
