package dev.parley.bench.loadgen;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * S4: the memory an idle connection costs. Per round and target: live heap after a full GC and RSS
 * with no client, then with N idle clients (Parley: each authenticated by token and welcomed; the
 * baselines: connected to {@code /ws}), divided by N. S5: connect churn, the rate of WebSocket
 * connects (open, handshake, close) and, for Parley, of password logins, with the server CPU per one.
 */
final class Idle {
    private static final int CHURN_IN_FLIGHT = 16;

    private Idle() {
    }

    static void s4(Bench b) {
        int n = b.plan.s4Connections();
        for (int round = 1; round <= b.plan.minorRounds(); round++) {
            for (Target t : b.targets) {
                b.waitIdle();
                long heap0 = b.probe.heapAfterGc(t);
                long rss0 = b.probe.rssBytes(t.pid());
                Fleet f;
                if (t.isParley()) {
                    ParleyUsers users = b.users(t, b.plan.users());
                    f = Fleet.open(b.client, t, n, i -> users.api().socket(users.token(i)), 0);
                    awaitWelcomes(f, n);
                } else {
                    f = Fleet.open(b.client, t, n, i -> t.uri("ws", "/ws"), 0);
                }
                try {
                    long heap1 = b.probe.heapAfterGc(t);
                    long rss1 = b.probe.rssBytes(t.pid());
                    Map<String, Double> m = Bench.metrics();
                    m.put("connections", (double) f.size());
                    m.put("heap_kib_per_conn", (heap1 - heap0) / 1024.0 / n);
                    m.put("rss_kib_per_conn", (rss1 - rss0) / 1024.0 / n);
                    m.put("heap_mib", heap1 / 1048576.0);
                    m.put("rss_mib", rss1 / 1048576.0);
                    b.report.row("S4", n + " idle", t, round, m);
                } finally {
                    f.close();
                }
            }
        }
        b.report.table("S4", "idle connections: live heap after full GC and RSS per connection (Node: V8 heap)",
                Report.list("connections", "heap_kib_per_conn", "rss_kib_per_conn", "heap_mib", "rss_mib"));
    }

    private static void awaitWelcomes(Fleet f, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (f.inbox.welcomes.sum() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        if (f.inbox.welcomes.sum() < n) {
            throw new IllegalStateException(f.target.name() + ": only " + f.inbox.welcomes.sum() + " of " + n + " welcomed");
        }
    }

    static void s5(Bench b) {
        for (int round = 1; round <= b.plan.minorRounds(); round++) {
            for (Target t : b.targets) {
                b.waitIdle();
                Map<String, Double> m = Bench.metrics();
                if (t.isParley()) {
                    ParleyUsers users = b.users(t, b.plan.users());
                    int logins = b.plan.s5Logins();
                    long cpu0 = b.probe.cpuNanos(t.pid());
                    long t0 = System.nanoTime();
                    Bench.parallel(logins, i -> users.api().login(users.nameOf(i)));
                    double secs = (System.nanoTime() - t0) / 1e9;
                    m.put("logins_per_s", logins / secs);
                    m.put("cpu_ms_per_login", (b.probe.cpuNanos(t.pid()) - cpu0) / 1e6 / logins);
                    b.waitIdle();
                }
                churn(b, t, m);
                b.report.row("S5", "churn", t, round, m);
            }
        }
        b.report.table("S5", "connect churn: WebSocket open + handshake + close, " + CHURN_IN_FLIGHT
                + " in flight; Parley also password logins, 4 in flight",
                Report.list("connects_per_s", "cpu_us_per_connect", "failed", "logins_per_s", "cpu_ms_per_login"));
    }

    private static void churn(Bench b, Target t, Map<String, Double> m) {
        int n = b.plan.s5Connects();
        ParleyUsers users = t.isParley() ? b.users(t, b.plan.users()) : null;
        Semaphore slots = new Semaphore(CHURN_IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        Inbox inbox = new Inbox();
        long cpu0 = b.probe.cpuNanos(t.pid());
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        int started = 0;
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            slots.acquireUninterruptibly();
            var uri = users == null ? t.uri("ws", "/ws") : users.api().socket(users.token(i));
            b.client.connect(uri, inbox, 0).whenComplete((c, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                } else {
                    c.close();
                }
                slots.release();
            });
            started++;
        }
        slots.acquireUninterruptibly(CHURN_IN_FLIGHT);
        double secs = (System.nanoTime() - t0) / 1e9;
        m.put("connects_per_s", (started - failed.get()) / secs);
        m.put("cpu_us_per_connect", (b.probe.cpuNanos(t.pid()) - cpu0) / 1e3 / Math.max(1, started - failed.get()));
        m.put("failed", (double) failed.get() + (n - started));
        slots.release(CHURN_IN_FLIGHT);
    }
}
