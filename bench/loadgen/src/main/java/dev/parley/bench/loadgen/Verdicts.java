package dev.parley.bench.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the medians of a run into the targets of issue 6 (and of issue 11, when S7 ran), met or
 * not, with the figures that decide each. A target whose scenario did not run (or had no baseline to compare with) is reported as not
 * measured rather than met.
 */
final class Verdicts {
    private Verdicts() {
    }

    static void judge(Bench b) {
        Report r = b.report;
        double cpuP = r.median("S1", "20k dlv/s", "parley", "cpu_us_per_dlv");
        double cpuT = r.median("S1", "20k dlv/s", "tyrus", "cpu_us_per_dlv");
        decide(r, "S1 server CPU per delivery <= 1.2x raw Tyrus (20k dlv/s)", cpuP / cpuT <= 1.2,
                f("parley %.1f us, tyrus %.1f us: %.2fx", cpuP, cpuT, cpuP / cpuT), cpuP, cpuT);
        double p99 = r.median("S1", "20k dlv/s", "parley", "p99_ms");
        decide(r, "S1 p99 at 20k deliveries/s < 50 ms", p99 < 50, f("parley p99 %.1f ms", p99), p99);
        double acked = median(r, "S3", "acked_per_s");
        decide(r, "S3 >= 10,000 acknowledged stored messages/s", acked >= 10_000, f("%.0f acked/s", acked), acked);
        String idle = b.plan.s4Connections() + " idle";
        double heapP = r.median("S4", idle, "parley", "heap_kib_per_conn");
        double heapT = r.median("S4", idle, "tyrus", "heap_kib_per_conn");
        decide(r, "S4 heap per idle connection <= 1.3x raw Tyrus", heapP / heapT <= 1.3,
                f("parley %.1f KiB, tyrus %.1f KiB: %.2fx", heapP, heapT, heapP / heapT), heapP, heapT);
        double ctl = r.median("S6", "control", "parley", "p99_ms");
        double slow = r.median("S6", "10 slow", "parley", "p99_ms");
        double missing = r.median("S6", "10 slow", "parley", "missing");
        double growth = r.median("S6", "10 slow", "parley", "rss_growth_mib");
        decide(r, "S6 slow consumers: others' p99 within noise (<= 1.5x control + 5 ms), none missing, RSS growth < 64 MiB",
                slow <= 1.5 * ctl + 5 && missing == 0 && growth < 64,
                f("p99 control %.1f ms, with slow %.1f ms; missing %.0f; RSS growth %.1f MiB", ctl, slow, missing, growth),
                ctl, slow, missing, growth);
        String bigL = Store.bigLabel(b.plan);
        String smallL = Store.smallLabel(b.plan);
        double big = r.median("PAGING", "middle page", bigL, "p50_ms");
        double small = r.median("PAGING", "middle page", smallL, "p50_ms");
        double bigLatest = r.median("PAGING", "latest page", bigL, "p50_ms");
        double smallLatest = r.median("PAGING", "latest page", smallL, "p50_ms");
        decide(r, "Paging: " + bigL + " page within 1.5x of the " + smallL + " one (p50)",
                big / small <= 1.5 && bigLatest / smallLatest <= 1.5,
                f("middle page %.2f vs %.2f ms (%.2fx), latest page %.2f vs %.2f ms (%.2fx)", big, small, big / small,
                        bigLatest, smallLatest, bigLatest / smallLatest), big, small, bigLatest, smallLatest);
        if (r.has("S7")) {
            for (int rate : b.plan.s7Rates()) {
                s7(r, rate / 1000 + "k dlv/s");
            }
        }
        r.printVerdicts();
    }

    /**
     * Issue 11: a REACTION entry costs the server no more CPU per delivery than a chat message.
     * Decided on the median of the per-round ratios (each round's reactions phase against its own
     * chat phase, minutes apart at most), which the machine's drift between rounds disturbs less
     * than a ratio of medians; both are printed.
     */
    private static void s7(Report r, String step) {
        Map<Integer, Double> react = r.byRound("S7", step, "reactions", "cpu_us_per_dlv");
        Map<Integer, Double> chat = r.byRound("S7", step, "chat", "cpu_us_per_dlv");
        List<Double> ratios = new ArrayList<>();
        StringBuilder rounds = new StringBuilder();
        react.forEach((round, v) -> {
            Double c = chat.get(round);
            if (c != null && c > 0) {
                ratios.add(v / c);
                rounds.append(rounds.length() == 0 ? "" : " ").append(f("%.2fx", v / c));
            }
        });
        Collections.sort(ratios);
        double paired = ratios.isEmpty() ? Double.NaN : ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
        double mr = r.median("S7", step, "reactions", "cpu_us_per_dlv");
        double mc = r.median("S7", step, "chat", "cpu_us_per_dlv");
        decide(r, "S7 CPU per delivery of a reaction <= a chat message's (" + step + ")", paired <= 1.0,
                f("median of per-round ratios %.2fx (rounds: %s); medians reactions %.1f us, chat %.1f us", paired,
                        rounds, mr, mc), paired, mr, mc);
    }

    private static void decide(Report r, String name, boolean met, String evidence, double... inputs) {
        for (double v : inputs) {
            if (!Double.isFinite(v)) {
                r.verdict(name, false, "not measured in this run");
                return;
            }
        }
        r.verdict(name, met, evidence);
    }

    /** The median of a metric over every step of a scenario's Parley rows (S3 has one step). */
    private static double median(Report r, String scenario, String metric) {
        return r.medianAnyStep(scenario, "parley", metric);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
