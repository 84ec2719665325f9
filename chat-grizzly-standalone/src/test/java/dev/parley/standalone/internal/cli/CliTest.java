package dev.parley.standalone.internal.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers that need no server: help, version and every kind of refusal. */
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
                "--redis", "--max-upload", "--admin", "--retention", "--token-ttl", "--cors-origin", "--help", "--version")) {
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
                List.of("start", "start"));
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
    void redisIsRefusedUntilTheModuleExists() {
        assertEquals(2, run("start", "--redis", "redis://127.0.0.1:6379"));
        assertEquals(List.of(Cli.NO_REDIS), errLines());
        assertEquals(List.of("--redis needs the chat-redis module, not available in this build"), errLines());
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
        new picocli.CommandLine(command)
                .setDefaultValueProvider(new EnvDefaults(Map.of(
                        "PARLEY_HOST", "0.0.0.0", "PARLEY_PORT", "9000", "PARLEY_DATA_DIR", "/srv/parley",
                        "PARLEY_DB_URL", "jdbc:postgresql://db/parley", "PARLEY_DB_USER", "chat",
                        "PARLEY_MAX_UPLOAD", "1MB", "PARLEY_ADMINS", "alice, bob", "PARLEY_RETENTION", "500",
                        "PARLEY_TOKEN_TTL", "30m", "PARLEY_CORS_ORIGINS", "https://a.example,https://b.example")))
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
        new picocli.CommandLine(command).setDefaultValueProvider(new EnvDefaults(Map.of())).parseArgs();
        var config = command.toConfig();
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(java.nio.file.Path.of("./parley-data"), config.dataDir());
        assertEquals(10L * 1024 * 1024, config.chat().maxUploadBytes());
        assertTrue(config.chat().retention().isEmpty());
        assertTrue(config.corsOrigins().isEmpty());
        assertTrue(config.storage() instanceof dev.parley.standalone.StandaloneConfig.Storage.Embedded);
        assertEquals("data in ./parley-data", command.dataDescription());
    }
}
