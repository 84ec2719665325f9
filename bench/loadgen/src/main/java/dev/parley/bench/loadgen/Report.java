package dev.parley.bench.loadgen;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects the measurements of a run and prints them twice: one {@code RESULT {json}} line per
 * measured phase as it ends (also appended to the results file), and per scenario a human table with
 * each target's median over the interleaved rounds, Parley's ratio to each baseline, and one
 * {@code SUMMARY {json}} line. Not thread-safe: the scenarios run one phase at a time.
 */
final class Report {
    private final PrintStream out;
    private final Path resultsFile;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();

    /** One measured phase of one target. */
    record Row(String scenario, String step, String target, int round, Map<String, Double> metrics) {
    }

    Report(PrintStream out, Path resultsFile) {
        this.out = out;
        this.resultsFile = resultsFile;
    }

    void row(String scenario, String step, Target target, int round, Map<String, Double> metrics) {
        row(scenario, step, target.name(), round, metrics);
    }

    /** A row under a free label instead of a target (paging: one label per history size). */
    void row(String scenario, String step, String target, int round, Map<String, Double> metrics) {
        Row r = new Row(scenario, step, target, round, new LinkedHashMap<>(metrics));
        rows.add(r);
        JsonObjectBuilder j = Json.createObjectBuilder().add("scenario", scenario).add("step", step)
                .add("target", target).add("round", round);
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                j.add(k, round3(v));
            }
        });
        emit("RESULT " + j.build());
    }

    /** A line of free text (setup notes, warnings), prefixed so it is never mistaken for a result. */
    void note(String text) {
        out.println("# " + text);
        out.flush();
    }

    /** Median over rounds of one metric of one target at one step; NaN when it was not measured. */
    double median(String scenario, String step, String target, String metric) {
        double[] v = rows.stream().filter(r -> r.scenario.equals(scenario) && r.step.equals(step)
                        && r.target.equals(target) && r.metrics.containsKey(metric))
                .mapToDouble(r -> r.metrics.get(metric)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The values of one metric of one target at one step, by round (rounds without it left out). */
    Map<Integer, Double> byRound(String scenario, String step, String target, String metric) {
        Map<Integer, Double> out = new TreeMap<>();
        for (Row r : rows) {
            if (r.scenario.equals(scenario) && r.step.equals(step) && r.target.equals(target)
                    && r.metrics.containsKey(metric)) {
                out.put(r.round, r.metrics.get(metric));
            }
        }
        return out;
    }

    /** Whether any phase of the scenario was recorded. */
    boolean has(String scenario) {
        return rows.stream().anyMatch(r -> r.scenario.equals(scenario));
    }

    /** Median over every step and round of one metric of one target in a scenario. */
    double medianAnyStep(String scenario, String target, String metric) {
        return rows.stream().filter(r -> r.scenario.equals(scenario) && r.target.equals(target))
                .map(Row::step).distinct().findFirst()
                .map(step -> median(scenario, step, target, metric)).orElse(Double.NaN);
    }

    /**
     * Prints the scenario's table: per step, a line per target with the medians of {@code metrics},
     * then Parley's ratio to each other target on the same metrics; and the scenario's SUMMARY line.
     */
    void table(String scenario, String title, List<String> metrics) {
        table(scenario, title, metrics, "parley");
    }

    /** As {@link #table(String, String, List)}, with the ratios of {@code subject} to every other target. */
    void table(String scenario, String title, List<String> metrics, String subject) {
        table(scenario, title, metrics, subject, true);
    }

    /**
     * As {@link #table(String, String, List)}, with the ratio of every other target (or row label) to
     * {@code base}: S7's reactions, edits and mix against its chat-only phases.
     */
    void tableAgainst(String scenario, String title, List<String> metrics, String base) {
        table(scenario, title, metrics, base, false);
    }

    /** The table; {@code pivot} over each other target when {@code pivotFirst}, else each other target over it. */
    private void table(String scenario, String title, List<String> metrics, String pivot, boolean pivotFirst) {
        Set<String> steps = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.scenario.equals(scenario)) {
                steps.add(r.step);
                targets.add(r.target);
            }
        }
        out.println();
        out.println("== " + scenario + ": " + title);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-26s %-16s", "step", "target"));
        for (String m : metrics) {
            head.append(String.format(Locale.ROOT, " %14s", m));
        }
        out.println(head);
        JsonObjectBuilder summary = Json.createObjectBuilder().add("scenario", scenario);
        var stepsJson = Json.createArrayBuilder();
        for (String step : steps) {
            JsonObjectBuilder stepJson = Json.createObjectBuilder().add("step", step);
            for (String t : targets) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s %-16s", step, t));
                JsonObjectBuilder tj = Json.createObjectBuilder();
                for (String m : metrics) {
                    double v = median(scenario, step, t, m);
                    line.append(String.format(Locale.ROOT, " %14s", format(v)));
                    if (Double.isFinite(v)) {
                        tj.add(m, round3(v));
                    }
                }
                out.println(line);
                stepJson.add(t, tj);
            }
            if (targets.contains(pivot)) {
                for (String other : targets) {
                    if (other.equals(pivot)) {
                        continue;
                    }
                    String subject = pivotFirst ? pivot : other;
                    String base = pivotFirst ? other : pivot;
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s %-16s", step, subject + "/" + base));
                    JsonObjectBuilder rj = Json.createObjectBuilder();
                    for (String m : metrics) {
                        double r = median(scenario, step, subject, m) / median(scenario, step, base, m);
                        line.append(String.format(Locale.ROOT, " %14s", Double.isFinite(r) ? format(r) + "x" : "-"));
                        if (Double.isFinite(r)) {
                            rj.add(m, round3(r));
                        }
                    }
                    out.println(line);
                    stepJson.add(subject + "/" + base, rj);
                }
            }
            stepsJson.add(stepJson);
        }
        emit("SUMMARY " + summary.add("title", title).add("steps", stepsJson).build());
    }

    /** Records a target of the issue as met or not, with the figures that decide it. */
    void verdict(String name, boolean met, String evidence) {
        String line = String.format(Locale.ROOT, "%-4s %s: %s", met ? "MET" : "NOT", name, evidence);
        if (evidence.startsWith("not measured")) {
            line = String.format(Locale.ROOT, "%-4s %s: %s", "N/A", name, evidence);
        }
        verdicts.add(line);
    }

    void printVerdicts() {
        out.println();
        out.println("== Targets of issues 6 (S1-S6, paging) and 11 (S7) (provisional on a noisy shared 2-core machine)");
        verdicts.forEach(out::println);
        if (verdicts.stream().anyMatch(v -> v.startsWith("NOT"))) {
            out.println("# a target not met: bench/RESULTS.md ('What this pass changed, and why Parley still falls short')"
                    + " gives the measured cause and what would close it");
        }
        for (String v : verdicts) {
            append("VERDICT " + v);
        }
        out.flush();
    }

    private void emit(String line) {
        out.println(line);
        out.flush();
        append(line);
    }

    private void append(String line) {
        if (resultsFile == null) {
            return;
        }
        try {
            Files.writeString(resultsFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + resultsFile, e);
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static List<String> list(String... names) {
        return Arrays.asList(names);
    }
}
