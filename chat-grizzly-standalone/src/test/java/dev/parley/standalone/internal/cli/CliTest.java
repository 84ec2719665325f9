package dev.parley.standalone.internal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers that need no running server: help, version and every kind of refusal. */
class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        Cli cli = new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true),
                stop -> {
                    throw new AssertionError("these command lines must not start a server");
                });
        return cli.run(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String option : List.of("--host", "--port", "--data-dir", "--db-url", "--db-user", "--db-password",
                "--redis", "--node-id", "--presence-ttl", "--redis-prefix", "--max-upload", "--admin", "--retention", "--token-ttl", "--cors-origin", "--help", "--version")) {
            assertTrue(help.contains(option), option + " is listed");
        }
        for (String variable : EnvDefaults.VARIABLES.values()) {
            assertTrue(help.contains(variable), variable + " is named");
        }
        assertTrue(help.contains("Default: 8080") && help.contains("Default: 127.0.0.1"), help);
        assertEquals("", err.toString());
        assertEquals(0, run("start", "--help"));
    }

    @Test
    void versionNamesTheBuild() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("Parley chat-server "), out.toString());
        assertFalse(out.toString().contains("unknown"), "the version is filtered in: " + out);
    }

    @Test
    void badValueIsOneLineWithExitStatus2() {
        assertEquals(2, run("--port", "abc"));
        assertEquals(List.of("Invalid value for option '--port': 'abc' is not an int"), errLines());
        assertEquals("", out.toString(), "no usage dump");
    }

    @Test
    void everyKindOfBadInputIsRefusedOnOneLine() {
        List<List<String>> commands = List.of(
                List.of("--bogus"),
                List.of("--port", "70000"),
                List.of("--port"),
                List.of("--max-upload", "ten"),
                List.of("--max-upload", "0"),
                List.of("--token-ttl", "soon"),
                List.of("--token-ttl", "-1h"),
                List.of("--retention", "0"),
                List.of("--db-url", "postgres://host/db"),
                List.of("--cors-origin", "https://app.example.com/path"),
                List.of("stop"),
                List.of("start", "start"),
                List.of("--node-id", "32"),
                List.of("--node-id", "-1"),
                List.of("--redis", "http://127.0.0.1:6379"),
                List.of("--presence-ttl", "soon"),
                List.of("--redis", "redis://127.0.0.1:6379"),
                List.of("--db-url", "jdbc:postgresql://db/parley", "--redis", "redis://127.0.0.1:6379",
                        "--presence-ttl", "500ms"),
                List.of("--db-url", "jdbc:postgresql://db/parley", "--redis", "redis://127.0.0.1:6379",
                        "--redis-prefix", "a b"),
                List.of("--presence-ttl", "10s"),
                List.of("--schema", "maybe"));
        for (List<String> args : commands) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(args.toArray(String[]::new)), args.toString());
            assertEquals(1, errLines().size(), args + " -> " + err);
            assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        }
        err.getBuffer().setLength(0);
        run("stop");
        assertEquals("Invalid command line: unknown command 'stop' (the only command is 'start')", errLines().get(0));
    }

    @Test
    void redisWithoutASharedDatabaseIsRefusedWithTheReason() {
        assertEquals(2, run("start", "--redis", "redis://127.0.0.1:6379"));
        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).startsWith("Invalid configuration: --redis needs --db-url"), err.toString());
    }

    @Test
    void clusterOptionsComeFromTheEnvironmentToo() {
        ServerCommand command = new ServerCommand();
        Cli.commandLine(command, Map.of(
                        "PARLEY_DB_URL", "jdbc:postgresql://db/parley", "PARLEY_REDIS", "redis://:secret@cache:6379/2",
                        "PARLEY_NODE_ID", "7", "PARLEY_PRESENCE_TTL", "5s", "PARLEY_REDIS_PREFIX", "chat-eu"))
                .parseArgs();
        var cluster = command.toConfig().cluster().orElseThrow();
        assertEquals("redis://:secret@cache:6379/2", cluster.redisUri());
        assertEquals(java.util.OptionalInt.of(7), cluster.nodeId());
        assertEquals(java.time.Duration.ofSeconds(5), cluster.presenceTtl());
        assertEquals("chat-eu", cluster.keyPrefix());
        assertFalse(cluster.toString().contains("secret"), cluster.toString());
    }

    @Test
    void nodeIdWithoutRedisSetsTheEnginesNodeId() {
        ServerCommand command = new ServerCommand();
        Cli.commandLine(command, Map.of()).parseArgs("--node-id", "4");
        var config = command.toConfig();
        assertEquals(4, config.chat().nodeId());
        assertTrue(config.cluster().isEmpty());
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertEquals(2, run(Map.of("PARLEY_PORT", "eighty")));
        assertEquals(List.of("Invalid value for option '--port': 'eighty' is not an int (from the environment variable PARLEY_PORT)"),
                errLines());
    }

    @Test
    void environmentFillsTheOptionsAndTheCommandLineWins() {
        ServerCommand command = new ServerCommand();
        Cli.commandLine(command, Map.of(
                        "PARLEY_HOST", "0.0.0.0", "PARLEY_PORT", "9000", "PARLEY_DATA_DIR", "/srv/parley",
                        "PARLEY_DB_URL", "jdbc:postgresql://db/parley", "PARLEY_DB_USER", "chat",
                        "PARLEY_MAX_UPLOAD", "1MB", "PARLEY_ADMINS", "alice, bob", "PARLEY_RETENTION", "500",
                        "PARLEY_TOKEN_TTL", "30m", "PARLEY_CORS_ORIGINS", "https://a.example,https://b.example"))
                .parseArgs("--port", "9100");
        var config = command.toConfig();
        assertEquals("0.0.0.0", config.host());
        assertEquals(9100, config.port(), "the command line wins");
        assertEquals(java.nio.file.Path.of("/srv/parley"), config.dataDir());
        assertEquals(1024 * 1024, config.chat().maxUploadBytes());
        assertTrue(config.chat().isAdmin("alice") && config.chat().isAdmin("bob"));
        assertEquals(500, config.chat().retention().orElseThrow());
        assertEquals(java.time.Duration.ofMinutes(30), config.chat().tokenTtl());
        assertEquals(List.of("https://a.example", "https://b.example"), config.corsOrigins());
        assertEquals("jdbc:postgresql://db/parley",
                ((dev.parley.standalone.StandaloneConfig.Storage.Jdbc) config.storage()).url());
        assertEquals("data in jdbc:postgresql://db/parley, files in /srv/parley/files", command.dataDescription());
    }

    @Test
    void defaultsMatchTheContract() {
        ServerCommand command = new ServerCommand();
        Cli.commandLine(command, Map.of()).parseArgs();
        var config = command.toConfig();
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(java.nio.file.Path.of("./parley-data"), config.dataDir());
        assertEquals(10L * 1024 * 1024, config.chat().maxUploadBytes());
        assertTrue(config.chat().retention().isEmpty());
        assertTrue(config.corsOrigins().isEmpty());
        assertTrue(config.storage() instanceof dev.parley.standalone.StandaloneConfig.Storage.Embedded);
        assertEquals("data in ./parley-data", command.dataDescription());
        assertEquals(dev.parley.jakarta.jpa.SchemaMode.MIGRATE, config.schema());
    }

    @Test
    void schemaValidateComesFromTheCommandLineOrTheEnvironment() {
        ServerCommand command = new ServerCommand();
        Cli.commandLine(command, Map.of("PARLEY_SCHEMA", "validate")).parseArgs();
        assertEquals(dev.parley.jakarta.jpa.SchemaMode.VALIDATE, command.toConfig().schema());
        ServerCommand overridden = new ServerCommand();
        Cli.commandLine(overridden, Map.of("PARLEY_SCHEMA", "validate")).parseArgs("--schema", "MIGRATE");
        assertEquals(dev.parley.jakarta.jpa.SchemaMode.MIGRATE, overridden.toConfig().schema());
    }

    @Test
    void schemaValidateOnADatabaseWithPendingMigrationsRefusesToStartOnOneLine(@TempDir Path dataDir) {
        // A new data directory: its embedded database has no schema yet, so V1 and V2 are pending.
        assertEquals(Cli.START_FAILED, run("--schema", "validate", "--port", "0", "--data-dir", dataDir.toString(),
                "--no-metrics"));
        assertEquals(List.of("Cannot start Parley: the parley_ schema is not current (at no version, pending:"
                + " V1 v1 schema, V2 v2 schema): start once in migrate mode, or apply META-INF/parley/db/h2/ yourself"),
                errLines());
        assertEquals("", out.toString());
    }
}
