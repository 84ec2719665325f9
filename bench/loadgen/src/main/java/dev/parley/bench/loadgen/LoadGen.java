package dev.parley.bench.loadgen;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The load generator's command line: which servers, which scenarios, how long. bench/run.sh starts
 * the servers pinned to one core, this process pinned to the other, and passes each server as
 * {@code --target name=kind@port:pid}; the targets are measured in the order given, interleaved.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        description = "Drives WebSocket clients against Parley and broadcast baselines on 127.0.0.1 and reports ratios.")
public final class LoadGen implements Callable<Integer> {

    @Option(names = "--mode", defaultValue = "quick", description = "quick (about 5-6 minutes for every scenario) or full")
    String mode;

    @Option(names = "--target", paramLabel = "name=kind@port:pid",
            description = "a server under test; kind is parley, tyrus or node. Repeat for each.")
    List<String> targetSpecs = new ArrayList<>();

    @Option(names = "--cluster-target", paramLabel = "name=parley@port:pid[+port:pid...]",
            description = "a PostgreSQL-backed Parley for S1X2: one node, or several sharing one database and one Redis"
                    + " (nodes joined with +). Repeat for each; the last several-node one is compared to the others.")
    List<String> clusterSpecs = new ArrayList<>();

    @Option(names = "--scenarios", split = ",", defaultValue = "S1,S2,S3,S4,S5,S6,S7,PAGING",
            description = "scenarios to run, in this order: S1,S2,S3,S4,S5,S6, S7 (Parley only: chat messages, reactions,"
                    + " edits and their 70/20/10 mix in one room), PAGING, and S1X2 (on the cluster targets; never by default)")
    List<String> scenarios;

    @Option(names = "--results", paramLabel = "<file>", description = "append the RESULT/SUMMARY/VERDICT lines to this file")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }

    @Override
    public Integer call() {
        Plan plan = Plan.named(mode);
        List<Target> targets = new ArrayList<>();
        for (String spec : targetSpecs) {
            targets.add(Target.parse(spec));
        }
        List<Target> clusters = new ArrayList<>();
        for (String spec : clusterSpecs) {
            clusters.add(Target.parse(spec));
        }
        List<String> wanted = scenarios.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        boolean onlyCluster = wanted.stream().allMatch("S1X2"::equals);
        if (targets.isEmpty() && !onlyCluster) {
            throw new CommandLine.ParameterException(new CommandLine(this), "scenarios " + wanted + " need --target");
        }
        Report report = new Report(System.out, results);
        report.note("mode " + plan.name() + ", targets " + targets + ", cluster targets " + clusters + ", scenarios "
                + scenarios);
        long t0 = System.nanoTime();
        try (Bench b = new Bench(plan, targets, clusters, report)) {
            // S6 reuses S1's warm connections when both run: it saves a reconnect and a warm-up per target.
            boolean s6WithS1 = wanted.contains("S1") && wanted.contains("S6");
            for (String s : wanted) {
                long s0 = System.nanoTime();
                if (s.equals("S6") && s6WithS1) {
                    continue;
                }
                switch (s) {
                    case "S1" -> FanOut.s1(b, s6WithS1);
                    case "S2" -> FanOut.s2(b);
                    case "S3" -> Store.s3(b);
                    case "S4" -> Idle.s4(b);
                    case "S5" -> Idle.s5(b);
                    case "S6" -> Slow.s6(b);
                    case "PAGING" -> Store.paging(b);
                    case "S1X2" -> TwoNodes.s1x2(b);
                    case "S7" -> LogMix.s7(b);
                    default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario " + s);
                }
                report.note(s + " took " + Math.round((System.nanoTime() - s0) / 1e9) + " s");
            }
            if (!onlyCluster) {
                Verdicts.judge(b);
            }
        }
        report.note("all scenarios took " + Math.round((System.nanoTime() - t0) / 1e9) + " s");
        return 0;
    }
}
