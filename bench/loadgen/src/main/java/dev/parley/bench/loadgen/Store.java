package dev.parley.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Parley-only scenarios about its message store. S3: acknowledged (stored) messages per second from
 * many concurrent senders in a closed loop, each sender its own user and within the server's per-user
 * send burst, so the figure is the store's and not the rate limiter's. PAGING: the latency of a
 * history page in a room with a small and with a big history, both seeded through the API.
 */
final class Store {
    private static final int S3_ROOMS = 10;
    private static final int S3_WINDOW = 8;
    private static final int PAGE = 50;

    private Store() {
    }

    static void s3(Bench b) {
        Plan p = b.plan;
        for (Target t : b.parleyTargets()) {
            ParleyUsers users = b.users(t, p.users());
            ParleyApi api = users.api();
            int senders = Math.min(p.s3Senders(), users.size());
            List<String> rooms = new ArrayList<>();
            for (int k = 0; k < S3_ROOMS; k++) {
                rooms.add("s3-r" + k);
                api.createRoom(users.token(k), "s3-r" + k);
            }
            Bench.parallel(users.size(), u -> api.join(users.token(u), "s3-r" + (u % S3_ROOMS)));
            try (Fleet f = Fleet.open(b.client, t, users.size(), i -> api.socket(users.token(i)), 0)) {
                // Warm-up with the users that do not send in the measured rounds (or all of them, when there are few).
                int warmFrom = users.size() - senders >= 10 ? senders : 0;
                List<WsConn> warm = f.conns.subList(warmFrom, users.size());
                var wr = new ClosedLoop(warm, roomsOf(warmFrom, warm.size()), Math.min(p.s3PerSender(), 100), S3_WINDOW, false)
                        .run(f.inbox, 60);
                b.report.note("S3 warm-up " + t.name() + " (discarded): " + Math.round(wr.ackedPerSecond()) + " acked/s");
                for (int round = 1; round <= p.minorRounds(); round++) {
                    if (round > 1) {
                        // The senders' send budgets refill at the server's default 20/s per user.
                        b.report.note("S3 waiting " + (p.s3PerSender() / 20 + 1) + " s for the per-user send budgets to refill");
                        LockSupport.parkNanos((p.s3PerSender() / 20 + 1) * 1_000_000_000L);
                    }
                    b.waitIdle();
                    long cpu0 = b.probe.cpuNanos(t.pid());
                    var r = new ClosedLoop(f.conns.subList(0, senders), roomsOf(0, senders), p.s3PerSender(), S3_WINDOW, false)
                            .run(f.inbox, 120);
                    long cpu1 = b.probe.cpuNanos(t.pid());
                    Histogram h = r.ackLatency();
                    Map<String, Double> m = Bench.metrics();
                    m.put("acked_per_s", r.ackedPerSecond());
                    m.put("acked", (double) r.acked());
                    m.put("refused", (double) r.refused());
                    m.put("ack_p50_ms", Broadcast.ms(h.getValueAtPercentile(50)));
                    m.put("ack_p99_ms", Broadcast.ms(h.getValueAtPercentile(99)));
                    m.put("cpu_us_per_msg", (cpu1 - cpu0) / 1e3 / Math.max(1, r.acked()));
                    m.put("server_cpu_pct", 100.0 * (cpu1 - cpu0) / (r.seconds() * 1e9));
                    b.report.row("S3", senders + " senders x " + S3_WINDOW + " in flight", t, round, m);
                }
                b.report.note("S3 error frames by code: " + f.inbox.errors());
            }
        }
        b.report.table("S3", "persistence: acknowledged (stored) messages/s on the server's store, " + S3_ROOMS + " rooms",
                Report.list("acked_per_s", "ack_p50_ms", "ack_p99_ms", "refused", "cpu_us_per_msg", "server_cpu_pct"));
    }

    private static List<String> roomsOf(int firstUser, int n) {
        List<String> rooms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rooms.add("s3-r" + ((firstUser + i) % S3_ROOMS));
        }
        return rooms;
    }

    static void paging(Bench b) {
        Plan p = b.plan;
        for (Target t : b.parleyTargets()) {
            ParleyUsers users = b.users(t, p.users());
            ParleyApi api = users.api();
            String small = "pg-small";
            String big = "pg-big";
            for (String room : List.of(small, big)) {
                api.createRoom(users.token(0), room);
                Bench.parallel(users.size(), u -> api.join(users.token(u), room));
            }
            try (Fleet f = Fleet.open(b.client, t, users.size(), i -> api.socket(users.token(i)), 0)) {
                seed(b, t, f, api, users, small, p.pagingSmall());
                seed(b, t, f, api, users, big, p.pagingBig());
            }
            String token = users.token(0);
            // Two rounds, alternating the rooms, so that neither gets the JIT's or the caches' first pass alone.
            for (int round = 1; round <= 2; round++) {
                for (String page : List.of("latest page", "middle page")) {
                    for (String room : List.of(small, big)) {
                        long last = api.lastSeq(token, room);
                        // No two requests in a row alike: H2 hands back an unchanged query's last result
                        // without running it (OPTIMIZE_REUSE_RESULTS) when its parameters repeat and no
                        // table changed, which a room being written never sees. The latest page is asked
                        // for with a cursor past the end (the same 50 messages), the middle one over 100
                        // cursors around the middle.
                        IntFunction<String> query = page.startsWith("latest")
                                ? i -> "before=" + (last + 1 + i % 2) + "&limit=" + PAGE
                                : i -> "before=" + Math.max(1, last / 2 + i % 100) + "&limit=" + PAGE;
                        b.report.row("PAGING", page, room.equals(small) ? smallLabel(p) : bigLabel(p), round,
                                time(b, api, token, room, query));
                    }
                }
            }
        }
        b.report.table("PAGING", "history page of " + PAGE + " (GET /api/rooms/{id}/messages), " + p.pagingRequests()
                        + " sequential requests per round, 2 rounds",
                Report.list("p50_ms", "p99_ms", "mean_ms", "history"), bigLabel(p));
    }

    static String smallLabel(Plan p) {
        return p.pagingSmall() / 1000 + "k msgs";
    }

    static String bigLabel(Plan p) {
        return p.pagingBig() / 1000 + "k msgs";
    }

    /** Tops the room up to {@code total} messages through WebSocket sends from every user. */
    private static void seed(Bench b, Target t, Fleet f, ParleyApi api, ParleyUsers users, String room, int total) {
        long have = api.lastSeq(users.token(0), room);
        if (have >= total) {
            return;
        }
        int senders = f.size();
        int perSender = (int) Math.ceil((total - have) / (double) senders);
        List<String> rooms = Collections.nCopies(senders, room);
        long t0 = System.nanoTime();
        var r = new ClosedLoop(f.conns, rooms, perSender, 4, true).run(f.inbox, 900);
        b.report.note("PAGING seeded " + room + " on " + t.name() + ": " + r.acked() + " messages in "
                + Math.round((System.nanoTime() - t0) / 1e9) + " s (" + Math.round(r.ackedPerSecond()) + "/s, "
                + r.retried() + " sends retried after RATE_LIMITED, " + r.refused() + " refused)");
    }

    private static Map<String, Double> time(Bench b, ParleyApi api, String token, String room, IntFunction<String> query) {
        int n = b.plan.pagingRequests();
        for (int i = 0; i < 20; i++) {
            api.history(token, room, query.apply(i));
        }
        Histogram h = new Histogram(3);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            String q = query.apply(i);
            long t0 = System.nanoTime();
            api.history(token, room, q);
            long d = System.nanoTime() - t0;
            h.recordValue(d);
            sum += d;
        }
        Map<String, Double> m = Bench.metrics();
        m.put("p50_ms", Broadcast.ms(h.getValueAtPercentile(50)));
        m.put("p99_ms", Broadcast.ms(h.getValueAtPercentile(99)));
        m.put("mean_ms", sum / 1e6 / n);
        m.put("history", (double) api.lastSeq(token, room));
        return m;
    }
}
