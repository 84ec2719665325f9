package dev.parley.bench.loadgen;

import java.util.List;
import java.util.Map;

/**
 * S6: slow consumers. Per round and target, with the S1 room at 20k deliveries/s: a control phase,
 * then the same load while 10 more subscribers never read (a 4 KiB receive buffer, reading switched
 * off), so the server's writes to them pile up. The others' latency and deliveries are compared with
 * the control, and the server's RSS growth, live heap after GC, and what became of the slow clients
 * (Parley closes an overflowing one with 1013) are reported.
 */
final class Slow {
    static final int SLOW_CLIENTS = 10;
    static final int RATE_DPS = 20_000;
    private static final int SLOW_RECEIVE_BUFFER = 4096;

    private Slow() {
    }

    /** S6 on fresh S1 fleets, one target at a time, each warmed up first. */
    static void s6(Bench b) {
        Plan p = b.plan;
        for (int round = 1; round <= p.minorRounds(); round++) {
            for (Target t : b.targets) {
                try (Fleet fleet = FanOut.s1Fleet(b, t, p.s1Clients())) {
                    List<Pacer.Publisher> pubs = FanOut.s1Publishers(fleet, p.s1Publishers(), fleet.size());
                    Broadcast.phase(b, fleet, pubs, RATE_DPS / (double) fleet.size(), p.warmupSeconds());
                    measure(b, fleet, pubs, round);
                }
            }
        }
        table(b);
    }

    /** S6 on the fleets S1 leaves open (already warm), interleaving the targets in each round. */
    static void s6(Bench b, Map<Target, Fleet> fleets, Map<Target, List<Pacer.Publisher>> pubs) {
        for (int round = 1; round <= b.plan.minorRounds(); round++) {
            for (Target t : b.targets) {
                measure(b, fleets.get(t), pubs.get(t), round);
            }
        }
        table(b);
    }

    /** A control phase, then the same load with slow consumers added; both rows reported. */
    private static void measure(Bench b, Fleet fleet, List<Pacer.Publisher> pubs, int round) {
        Plan p = b.plan;
        Target t = fleet.target;
        double rate = RATE_DPS / (double) fleet.size();
        b.report.row("S6", "control", t, round, Broadcast.phase(b, fleet, pubs, rate, p.phaseSeconds()));
        Fleet slow = t.isParley()
                ? slowParley(b, t)
                : Fleet.open(b.client, t, SLOW_CLIENTS, i -> t.uri("ws", "/ws"), SLOW_RECEIVE_BUFFER);
        slow.conns.forEach(WsConn::stopReading);
        long rss0 = b.probe.rssBytes(t.pid());
        Map<String, Double> m = Broadcast.phase(b, fleet, pubs, rate, p.s6Seconds());
        long rss1 = b.probe.rssBytes(t.pid());
        int closed = SLOW_CLIENTS - slow.open();
        long closed1013 = slow.conns.stream().filter(c -> c.closeCode() == 1013).count();
        m.put("rss_growth_mib", (rss1 - rss0) / 1048576.0);
        m.put("slow_closed", (double) closed);
        m.put("slow_closed_1013", (double) closed1013);
        slow.conns.forEach(WsConn::abort);
        m.put("heap_after_mib", b.probe.heapAfterGc(t) / 1048576.0);
        b.report.row("S6", "10 slow", t, round, m);
    }

    private static void table(Bench b) {
        b.report.table("S6", "slow consumers: " + SLOW_CLIENTS + " clients that never read, S1 room at "
                        + RATE_DPS / 1000 + "k deliveries/s (latency and missing are the other clients')",
                Report.list("delivered_dps", "p50_ms", "p99_ms", "missing", "rss_growth_mib", "heap_after_mib",
                        "slow_closed", "slow_closed_1013"));
    }

    private static Fleet slowParley(Bench b, Target t) {
        ParleyUsers users = b.users(t, b.plan.users());
        Fleet slow = Fleet.open(b.client, t, SLOW_CLIENTS, i -> users.api().socket(users.token(users.size() - 1 - i)),
                SLOW_RECEIVE_BUFFER);
        slow.subscribe(i -> "s1");
        return slow;
    }
}
