package dev.parley.bench.loadgen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * S1 (one room, many subscribers, a few publishers, rising rate up to each target's knee) and S2
 * (many small rooms, every member publishing). Each target gets its own fleet, all fleets stay open
 * for the whole scenario, and the measured phases interleave targets (A B C A B C) within each step
 * after one discarded warm-up phase per target.
 */
final class FanOut {
    static final List<String> METRICS = Report.list("delivered_dps", "cpu_us_per_dlv", "p50_ms", "p99_ms", "p999_ms",
            "missing", "server_cpu_pct", "loadgen_cpu_pct");

    /** The warm-up rate: the latency target rate, within every target's reach. */
    static final int WARMUP_DPS = 20_000;

    private FanOut() {
    }

    /** The S1 room: every client of {@code t} subscribed to one room; the first ones publish. */
    static Fleet s1Fleet(Bench b, Target t, int clients) {
        if (!t.isParley()) {
            return Fleet.open(b.client, t, clients, i -> t.uri("ws", "/ws"), 0);
        }
        ParleyUsers users = b.users(t, b.plan.users());
        ParleyApi api = users.api();
        api.createRoom(users.token(0), "s1");
        Bench.parallel(Math.min(users.size(), clients), u -> api.join(users.token(u), "s1"));
        Fleet f = Fleet.open(b.client, t, clients, i -> api.socket(users.token(i)), 0);
        f.subscribe(i -> "s1");
        return f;
    }

    static List<Pacer.Publisher> s1Publishers(Fleet f, int publishers, int subscribers) {
        List<Pacer.Publisher> pubs = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            pubs.add(new Pacer.Publisher(f.conns.get(i), "s1", subscribers));
        }
        return pubs;
    }

    /** S1; with {@code thenS6}, S6 follows on the same (warm) connections before they close. */
    static void s1(Bench b, boolean thenS6) {
        Plan p = b.plan;
        Map<Target, Fleet> fleets = new LinkedHashMap<>();
        try {
            for (Target t : b.targets) {
                fleets.put(t, s1Fleet(b, t, p.s1Clients()));
                b.report.note("S1 " + t.name() + ": " + p.s1Clients() + " clients connected and subscribed");
            }
            Map<Target, List<Pacer.Publisher>> pubs = new LinkedHashMap<>();
            fleets.forEach((t, f) -> pubs.put(t, s1Publishers(f, p.s1Publishers(), f.size())));
            for (Target t : b.targets) {
                Map<String, Double> warm = Broadcast.phase(b, fleets.get(t), pubs.get(t),
                        WARMUP_DPS / (double) p.s1Clients(), p.warmupSeconds());
                b.report.note("S1 warm-up " + t.name() + " (discarded): " + warm);
            }
            Set<Target> saturated = new HashSet<>();
            for (int step : p.s1Steps()) {
                String label = step / 1000 + "k dlv/s";
                for (int round = 1; round <= p.rounds(); round++) {
                    for (Target t : b.targets) {
                        if (saturated.contains(t)) {
                            continue;
                        }
                        Map<String, Double> m = Broadcast.phase(b, fleets.get(t), pubs.get(t), step / (double) p.s1Clients(),
                                p.phaseSeconds());
                        b.report.row("S1", label, t, round, m);
                    }
                }
                for (Target t : b.targets) {
                    Map<String, Double> med = medians(b, "S1", label, t);
                    if (saturated.contains(t) || !Broadcast.fellBehind(med)) {
                        continue;
                    }
                    if (med.get("server_cpu_pct") >= 85) {
                        saturated.add(t);
                        b.report.note("S1 " + t.name() + " is past its knee at " + label + " (it used "
                                + Math.round(med.get("server_cpu_pct")) + "% of its core and fell behind); it stops here");
                    } else {
                        b.report.note("S1 " + t.name() + " fell behind at " + label + " using only "
                                + Math.round(med.get("server_cpu_pct")) + "% of its core: starved by other processes (noise)");
                    }
                }
                if (saturated.size() == b.targets.size()) {
                    break;
                }
            }
            b.report.table("S1", "fan-out, 1 room x " + p.s1Clients() + " clients, " + p.s1Publishers() + " publishers",
                    METRICS);
            if (thenS6) {
                b.report.note("S6 runs on S1's connections");
                Slow.s6(b, fleets, pubs);
            }
        } finally {
            fleets.values().forEach(Fleet::close);
        }
    }

    static Map<String, Double> medians(Bench b, String scenario, String step, Target t) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : List.of("delivered_dps", "offered_dps", "missing", "p99_ms", "server_cpu_pct")) {
            m.put(k, b.report.median(scenario, step, t.name(), k));
        }
        return m;
    }

    /** The S2 rooms: client j of {@code t} is a member of room {@code j / members} and publishes to it. */
    static void s2(Bench b) {
        Plan p = b.plan;
        int clients = p.s2Rooms() * p.s2Members();
        Map<Target, Fleet> fleets = new LinkedHashMap<>();
        Map<Target, List<Pacer.Publisher>> pubs = new LinkedHashMap<>();
        try {
            for (Target t : b.targets) {
                Fleet f = s2Fleet(b, t, clients, p.s2Members());
                fleets.put(t, f);
                List<Pacer.Publisher> list = new ArrayList<>();
                for (int j = 0; j < clients; j++) {
                    list.add(new Pacer.Publisher(f.conns.get(j), room(t, j / p.s2Members()), p.s2Members()));
                }
                pubs.put(t, list);
                b.report.note("S2 " + t.name() + ": " + p.s2Rooms() + " rooms x " + p.s2Members() + " members connected");
            }
            for (Target t : b.targets) {
                b.report.note("S2 warm-up " + t.name() + " (discarded): "
                        + Broadcast.phase(b, fleets.get(t), pubs.get(t), p.s2Rates()[0], p.warmupSeconds()));
            }
            for (int rate : p.s2Rates()) {
                for (int round = 1; round <= p.minorRounds(); round++) {
                    for (Target t : b.targets) {
                        b.report.row("S2", rate + " msg/s", t, round,
                                Broadcast.phase(b, fleets.get(t), pubs.get(t), rate, p.phaseSeconds()));
                    }
                }
            }
        } finally {
            fleets.values().forEach(Fleet::close);
        }
        b.report.table("S2", "many rooms, " + p.s2Rooms() + " rooms x " + p.s2Members() + " members, all publishing", METRICS);
    }

    private static String room(Target t, int k) {
        return String.format(Locale.ROOT, t.isParley() ? "s2-r%d" : "r%d", k);
    }

    private static Fleet s2Fleet(Bench b, Target t, int clients, int members) {
        if (!t.isParley()) {
            return Fleet.open(b.client, t, clients, j -> t.uri("ws", "/room/" + room(t, j / members)), 0);
        }
        ParleyUsers users = b.users(t, b.plan.users());
        ParleyApi api = users.api();
        // Each client's user must be a member of its room; several clients may share a user.
        List<int[]> joins = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int j = 0; j < clients; j++) {
            int u = j % users.size();
            int room = j / members;
            if (seen.add(((long) u << 32) | room)) {
                joins.add(new int[] {u, room});
            }
        }
        int rooms = clients / members;
        Bench.parallel(rooms, k -> api.createRoom(users.token(k * members), room(t, k)));
        Bench.parallel(joins.size(), i -> api.join(users.token(joins.get(i)[0]), room(t, joins.get(i)[1])));
        Fleet f = Fleet.open(b.client, t, clients, j -> api.socket(users.token(j)), 0);
        f.subscribe(j -> room(t, j / members));
        return f;
    }
}
