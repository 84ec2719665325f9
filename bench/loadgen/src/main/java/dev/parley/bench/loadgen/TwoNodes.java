package dev.parley.bench.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S1X2: S1's fan-out room served by a cluster, beside the same room on one node in the same run. The
 * targets are PostgreSQL-backed Parleys started by bench/run.sh: {@code pg1}, one node, and {@code x2},
 * two nodes sharing one database and one Redis. On a cluster target client {@code i} connects to node
 * {@code i % nodes}, so the subscribers and the publishers (the first clients) are split evenly and
 * half of every message's deliveries cross the Redis bus. Interleaved rounds (pg1, x2, pg1, x2) after
 * one discarded warm-up each, at fixed modest rates (no knee search): the figure of interest is the
 * CPU per delivery both nodes together pay, against one node's.
 */
final class TwoNodes {
    static final List<String> METRICS = Report.list("delivered_dps", "cpu_us_per_dlv", "p50_ms", "p99_ms", "p999_ms",
            "missing", "duplicates", "server_cpu_pct", "node1_cpu_pct", "node2_cpu_pct", "loadgen_cpu_pct");

    private TwoNodes() {
    }

    static void s1x2(Bench b) {
        Plan p = b.plan;
        if (b.clusterTargets.isEmpty()) {
            throw new IllegalArgumentException("S1X2 needs --cluster-target (bench/run.sh passes them when PostgreSQL"
                    + " and Redis are reachable)");
        }
        Map<Target, Fleet> fleets = new LinkedHashMap<>();
        Map<Target, List<Pacer.Publisher>> pubs = new LinkedHashMap<>();
        try {
            for (Target t : b.clusterTargets) {
                if (!t.isParley()) {
                    throw new IllegalArgumentException("S1X2 targets must be Parley servers, not " + t.name());
                }
                Fleet f = fleet(b, t, p.s1Clients());
                fleets.put(t, f);
                pubs.put(t, FanOut.s1Publishers(f, p.s1Publishers(), f.size()));
                b.report.note("S1X2 " + t.name() + ": " + f.size() + " clients connected and subscribed over "
                        + t.nodes().size() + " node(s); " + p.s1Publishers() + " publishers, client i on node i % "
                        + t.nodes().size());
            }
            int first = p.s1x2Steps()[0];
            for (Target t : b.clusterTargets) {
                b.report.note("S1X2 warm-up " + t.name() + " (discarded): " + Broadcast.phase(b, fleets.get(t), pubs.get(t),
                        first / (double) p.s1Clients(), p.warmupSeconds()));
            }
            for (int step : p.s1x2Steps()) {
                String label = step / 1000 + "k dlv/s";
                for (int round = 1; round <= p.rounds(); round++) {
                    for (Target t : b.clusterTargets) {
                        b.report.row("S1X2", label, t, round, Broadcast.phase(b, fleets.get(t), pubs.get(t),
                                step / (double) p.s1Clients(), p.phaseSeconds()));
                    }
                }
            }
        } finally {
            fleets.values().forEach(Fleet::close);
        }
        Target cluster = b.clusterTargets.stream().filter(t -> t.nodes().size() > 1).findFirst()
                .orElse(b.clusterTargets.get(b.clusterTargets.size() - 1));
        b.report.table("S1X2", "fan-out over nodes sharing PostgreSQL and Redis, 1 room x " + p.s1Clients()
                + " clients, " + p.s1Publishers() + " publishers, split evenly over each target's nodes", METRICS,
                cluster.name());
    }

    /** S1's room ("s1", where S1's publishers send) on {@code t}, its clients spread round robin over its nodes. */
    private static Fleet fleet(Bench b, Target t, int clients) {
        ParleyUsers users = b.users(t, b.plan.users());
        ParleyApi api = users.api();
        api.createRoom(users.token(0), "s1");
        Bench.parallel(Math.min(users.size(), clients), u -> api.join(users.token(u), "s1"));
        List<Integer> perNode = new ArrayList<>(Collections.nCopies(t.nodes().size(), 0));
        for (int i = 0; i < clients; i++) {
            perNode.set(i % perNode.size(), perNode.get(i % perNode.size()) + 1);
        }
        Fleet f = Fleet.open(b.client, t, clients, i -> api.socket(users.token(i), i), 0);
        f.subscribe(i -> "s1");
        b.report.note("S1X2 " + t.name() + ": clients per node " + perNode);
        return f;
    }
}
