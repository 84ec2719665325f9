package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded {@code chat-server.jar}, run as its own process the way a user runs it. */
class ServerJarIT {
    private static final Pattern START_LINE = Pattern.compile("Parley is running at (http://\\S+/) \\(data in (.+)\\)");

    @TempDir
    Path work;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("parley.server.jar", "target/chat-server.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "built by 'package': " + jar);
        return jar;
    }

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
        return builder;
    }

    /** Runs to the end; exit status, stdout, stderr. */
    private record Ran(int status, String out, String err) {
    }

    private Ran run(String... args) throws Exception {
        Process process = java(args).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits: " + String.join(" ", args));
        return new Ran(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void jarStartsPrintsItsUrlServesHealthAndStopsOnSigterm() throws Exception {
        Process process = java("start", "--port", "0", "--data-dir", "data").redirectErrorStream(false).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String line = firstLine.get(90, TimeUnit.SECONDS);
            Matcher start = START_LINE.matcher(String.valueOf(line));
            assertTrue(start.matches(), "start line: " + line + " / stderr: " + (process.isAlive() ? "" : err.join()));
            assertEquals("data", start.group(2));
            URI url = URI.create(start.group(1));
            assertEquals("127.0.0.1", url.getHost());

            Http http = new Http(url);
            Http.Reply health = http.get("/api/health");
            assertEquals(200, health.status());
            assertEquals("UP", health.object().getString("status"));
            assertEquals(200, http.get("/").status(), "the web page");
            String token = http.login("jar-user");
            assertEquals(200, http.get("/api/me", token).status());
            assertTrue(Files.isDirectory(work.resolve("data/db")), "the H2 database under --data-dir");
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close our end of stdout, losing the last line.
            process.toHandle().destroy();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the server");
        int status = process.exitValue();
        assertTrue(status == 0 || status == 143, "a clean exit on SIGTERM, got " + status);
        assertEquals(List.of("Parley stopped"), out.lines().toList(), "the shutdown hook ran to its end");
        String log = err.get(10, TimeUnit.SECONDS);
        assertTrue(!log.contains("Exception") && !log.contains("SEVERE"), "a quiet shutdown: " + log);
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        Ran help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--db-url") && help.out().contains("PARLEY_PORT"), help.out());
        Ran version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("Parley chat-server "), version.out());
    }

    @Test
    void badOptionExitsTwoWithOneLine() throws Exception {
        Ran bad = run("--port", "abc");
        assertEquals(2, bad.status());
        assertEquals(List.of("Invalid value for option '--port': 'abc' is not an int"), bad.err().lines().toList());
        assertEquals("", bad.out());

        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }
        Ran redis = run("--port", "0", "--db-url", "jdbc:h2:mem:unreachable-redis", "--redis", "redis://127.0.0.1:" + closed);
        assertEquals(1, redis.status(), redis.err());
        List<String> lines = redis.err().lines().toList();
        assertEquals(1, lines.size(), redis.err());
        assertTrue(lines.get(0).startsWith("Cannot start Parley: cannot connect to Redis at redis://127.0.0.1:" + closed),
                lines.get(0));
    }

    @Test
    void portInUseExitsOneWithOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Ran busy = run("--port", String.valueOf(taken.getLocalPort()), "--data-dir", "busy");
            assertEquals(1, busy.status(), busy.err());
            List<String> lines = busy.err().lines().toList();
            assertEquals(1, lines.size(), busy.err());
            assertTrue(lines.get(0).startsWith("Cannot start Parley: port " + taken.getLocalPort()), lines.get(0));
        }
    }
}
