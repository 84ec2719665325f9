package dev.parley.client.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the cluster tests share: PostgreSQL and Redis from the environment (skipping, with how to
 * run them, when unset), a fresh schema and key prefix per test so that parallel runs never meet,
 * and standalone servers started from {@code chat-server.jar} as separate processes.
 */
final class ClusterNodes {
    static final String POSTGRES_ENV = "PARLEY_TEST_POSTGRES_URL";
    static final String REDIS_ENV = "PARLEY_TEST_REDIS_URL";
    private static final Pattern START_LINE = Pattern.compile("Parley is running at (http://\\S+)/ .*");

    private ClusterNodes() {
    }

    /** The PostgreSQL JDBC URL to test against; skips the test when none is configured. */
    static String postgres() {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(url != null && !url.isBlank(), "set " + POSTGRES_ENV
                + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres (and " + REDIS_ENV
                + "=redis://127.0.0.1:6379) to run the cluster tests");
        return url;
    }

    /** The Redis URL to test against; skips the test when none is configured. */
    static String redis() {
        String url = System.getenv(REDIS_ENV);
        Assumptions.assumeTrue(url != null && !url.isBlank(), "set " + REDIS_ENV
                + "=redis://127.0.0.1:6379 (and " + POSTGRES_ENV + ") to run the cluster tests");
        return url;
    }

    /** A fresh name for a schema or a key prefix. */
    static String freshName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates an empty schema, so that the nodes start on fresh tables; returns the URL that uses it. */
    static String createSchema(String postgresUrl, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static void dropSchema(String postgresUrl, String schema) {
        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop the test schema " + schema + ": " + e.getMessage());
        }
    }

    /** Deletes every Redis key under the prefix. */
    static void deleteKeys(String redisUrl, String prefix) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = c.sync().keys(prefix + ":*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(new String[0]));
            }
        } finally {
            client.shutdown();
        }
    }

    /** The server jar the build made; the test fails (it does not skip) when it is missing. */
    static Path serverJar() {
        String jar = System.getProperty("parley.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("chat-server.jar not found at " + jar + ": run 'mvn -pl chat-client-sdk -am verify' "
                    + "(failsafe runs after the standalone module is packaged)");
        }
        return Path.of(jar);
    }

    /** One {@code java -jar chat-server.jar} process on 127.0.0.1 and a free port. */
    static final class Node implements AutoCloseable {
        final int id;
        final Process process;
        final String url;
        /** The node's {@code --data-dir}. */
        final Path dataDir;
        private final Path log;

        private Node(int id, Process process, String url, Path dataDir, Path log) {
            this.id = id;
            this.process = process;
            this.url = url;
            this.dataDir = dataDir;
            this.log = log;
        }

        /**
         * Starts a node and waits for its start-up line.
         *
         * @param args the options after {@code --host 127.0.0.1 --port 0 --data-dir <dir>}
         */
        static Node start(int id, Path dir, List<String> args) throws IOException, InterruptedException {
            Path data = Files.createDirectories(dir.resolve("node" + id));
            Path log = dir.resolve("node" + id + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC",
                    "-jar", serverJar().toString(),
                    "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread watcher = new Thread(() -> drain(p, log, url), "node" + id + "-output");
            watcher.setDaemon(true);
            watcher.start();
            try {
                return new Node(id, p, url.get(60, TimeUnit.SECONDS), data, log);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
                throw new AssertionError("node " + id + " did not start: " + Files.readString(log), e);
            }
        }

        /**
         * Copies the node's output into its log for as long as it runs (a full pipe would block the
         * node), completing {@code url} at the start line, or exceptionally when the output ends first.
         */
        private static void drain(Process p, Path log, CompletableFuture<String> url) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher m = START_LINE.matcher(line);
                    if (m.matches()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("the node's output ended before its start line"));
        }

        /** {@code kill -9}: the process ends at once, without closing anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("node " + id + " survived kill -9");
            }
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        /** SIGTERM, then kill -9 if it does not stop in 15 s. */
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
