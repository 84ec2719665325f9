import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server's samples go in each phase of a scenario: reads a run directory of
 * {@code bench/run.sh} made with {@code BENCH_JFR=1} (its {@code parley.jfr} and the phases' windows,
 * {@code start_unix_s}/{@code end_unix_s}, in {@code results.jsonl}) and prints, per step and target
 * (e.g. {@code 20k dlv/s reactions}), the Java execution samples per 1000 deliveries, summed over the
 * rounds, split by what the sampled stack is doing (the first bucket whose marker it contains).
 *
 * <pre>java bench/JfrPhases.java bench/loadgen/target/run-TIME [S7]</pre>
 */
public final class JfrPhases {

    /** Bucket name to the frame markers (class or class.method prefixes) that put a stack in it; first match wins. */
    private static final Map<String, List<String>> BUCKETS = new LinkedHashMap<>();

    static {
        BUCKETS.put("reaction rows", List.of("dev.parley.jakarta.jpa.internal.ReactionRows"));
        BUCKETS.put("entry effects", List.of("dev.parley.jakarta.jpa.internal.EntryEffects"));
        BUCKETS.put("engine find", List.of("dev.parley.jakarta.jpa.internal.JpaMessageStore.find"));
        BUCKETS.put("commit", List.of("org.eclipse.persistence.internal.jpa.transaction.EntityTransactionImpl.commit"));
        BUCKETS.put("other store", List.of("dev.parley.jakarta.jpa", "org.eclipse.persistence", "org.h2"));
        BUCKETS.put("encode", List.of("dev.parley.protocol.ModelJson", "dev.parley.protocol.FrameCodec", "org.eclipse.parsson"));
        BUCKETS.put("websocket out", List.of("org.glassfish.tyrus", "org.glassfish.grizzly"));
        BUCKETS.put("engine", List.of("dev.parley"));
    }

    private record Phase(String label, int round, double start, double end, double deliveries) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String scenario = args.length > 1 ? args[1] : "S7";
        List<Phase> phases = phases(dir.resolve("results.jsonl"), scenario);
        Map<String, Map<String, Long>> byLabel = new TreeMap<>();
        Map<String, Double> deliveries = new TreeMap<>();
        for (Phase p : phases) {
            deliveries.merge(p.label, p.deliveries, Double::sum);
        }
        try (RecordingFile jfr = new RecordingFile(dir.resolve("parley.jfr"))) {
            while (jfr.hasMoreEvents()) {
                RecordedEvent e = jfr.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                double t = e.getStartTime().toEpochMilli() / 1e3;
                Phase phase = null;
                for (Phase p : phases) {
                    if (t >= p.start && t < p.end) {
                        phase = p;
                        break;
                    }
                }
                if (phase == null) {
                    continue;
                }
                String bucket = bucket(e.getStackTrace().getFrames());
                Map<String, Long> counts = byLabel.computeIfAbsent(phase.label, l -> new LinkedHashMap<>());
                counts.merge(bucket, 1L, Long::sum);
                counts.merge("total", 1L, Long::sum);
            }
        }
        List<String> columns = new ArrayList<>(List.of("total"));
        columns.addAll(BUCKETS.keySet());
        columns.add("other");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-26s", "samples per 1000 deliveries"));
        columns.forEach(c -> head.append(String.format(Locale.ROOT, " %13s", c)));
        System.out.println(head);
        byLabel.forEach((label, counts) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", label));
            double per = 1000 / deliveries.get(label);
            columns.forEach(c -> line.append(String.format(Locale.ROOT, " %13.2f", counts.getOrDefault(c, 0L) * per)));
            System.out.println(line);
        });
    }

    private static String bucket(List<RecordedFrame> frames) {
        for (Map.Entry<String, List<String>> b : BUCKETS.entrySet()) {
            for (RecordedFrame f : frames) {
                if (!f.isJavaFrame()) {
                    continue;
                }
                String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                for (String marker : b.getValue()) {
                    if (name.startsWith(marker)) {
                        return b.getKey();
                    }
                }
            }
        }
        return "other";
    }

    /** The scenario's measured phases: label "step target", window and deliveries (rate times duration). */
    private static List<Phase> phases(Path results, String scenario) throws IOException {
        List<Phase> phases = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (!line.contains("\"scenario\":\"" + scenario + "\"") || !line.contains("start_unix_s")) {
                continue;
            }
            String label = text(line, "step") + " " + text(line, "target");
            double start = number(line, "start_unix_s");
            double end = number(line, "end_unix_s");
            phases.add(new Phase(label, (int) number(line, "round"), start, end,
                    number(line, "delivered_dps") * (end - start)));
        }
        return phases;
    }

    private static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
