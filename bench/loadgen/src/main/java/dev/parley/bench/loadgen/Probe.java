package dev.parley.bench.loadgen;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server process from the outside: CPU time from {@code /proc/<pid>/stat} (user + system),
 * resident memory from {@code /proc/<pid>/status}, and the live heap after a full collection: for a
 * JVM {@code jcmd <pid> GC.run} then {@code jstat -gc <pid>} (survivor + eden + old used, whatever the
 * collector), for Node its {@code GET /stats} (which runs {@code global.gc()} first).
 */
final class Probe {
    private static final long TICK_NANOS = 1_000_000_000L / clockTicks();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** CPU time the process has used so far, user plus system, in nanoseconds (10 ms resolution). */
    long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) * TICK_NANOS;
    }

    /** CPU time all of a target's nodes have used so far, summed (a cluster's cost is every node's). */
    long cpuNanos(Target t) {
        long sum = 0;
        for (Target.Node n : t.nodes()) {
            sum += cpuNanos(n.pid());
        }
        return sum;
    }

    /** This process's own CPU time, to show whether the load generator was the bottleneck. */
    long selfCpuNanos() {
        return cpuNanos(ProcessHandle.current().pid());
    }

    /** Resident set size in bytes. */
    long rssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid + " (is it still running?)");
    }

    /** Live heap bytes after a full GC. */
    long heapAfterGc(Target t) {
        if (t.kind().isJvm()) {
            run("jcmd", Long.toString(t.pid()), "GC.run");
            List<String> out = run("jstat", "-gc", Long.toString(t.pid()));
            String[] head = out.get(0).trim().split("\\s+");
            String[] vals = out.get(1).trim().split("\\s+");
            double kb = 0;
            for (int i = 0; i < head.length; i++) {
                if (head[i].equals("S0U") || head[i].equals("S1U") || head[i].equals("EU") || head[i].equals("OU")) {
                    kb += Double.parseDouble(vals[i]);
                }
            }
            return (long) (kb * 1024);
        }
        JsonObject stats = nodeStats(t);
        if (!stats.getBoolean("gc", false)) {
            throw new IllegalStateException("the Node baseline runs without --expose-gc: its heap is not after a GC");
        }
        return stats.getJsonNumber("heapUsed").longValue();
    }

    private JsonObject nodeStats(Target t) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(t.uri("http", "/stats"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            try (var reader = Json.createReader(new StringReader(r.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + t.name() + "'s /stats: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + " (is the process still running?)", e);
        }
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>(p.inputReader(StandardCharsets.UTF_8).lines().toList());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + String.join(" | ", lines));
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
