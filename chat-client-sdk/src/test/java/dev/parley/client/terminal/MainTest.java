package dev.parley.client.terminal;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract without a server: help, usage errors, exit codes. */
class MainTest {
    private final Output out = new Output();
    private final Output err = new Output();

    private int run(Map<String, String> env, String... args) {
        Main.Terminal t = new Main.Terminal(new BufferedReader(new StringReader("")), out.stream, err.stream, env,
                prompt -> Optional.empty());
        return Main.run(args, t);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private static int lines(String s) {
        return s.isEmpty() ? 0 : s.split("\\R").length;
    }

    @Test
    void helpPrintsUsageToStandardOutputAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.text().startsWith("Usage: chat-client"), out.text());
        assertTrue(out.text().contains("connect"));
        assertEquals("", err.text());
    }

    @Test
    void connectHelpListsItsOptions() {
        assertEquals(0, run("connect", "--help"));
        for (String option : new String[] {"--server", "--host", "--port", "--user", "--password", "--room", "--register", "--history"}) {
            assertTrue(out.text().contains(option), option + " in " + out.text());
        }
    }

    @Test
    void unknownOptionExitsTwoWithOneLine() {
        assertEquals(2, run("connect", "--user", "alice", "--bogus"));
        assertEquals(1, lines(err.text()), err.text());
        assertTrue(err.text().contains("--bogus"), err.text());
        assertEquals("", out.text());
    }

    @Test
    void badValueAndMissingCommandAreUsageErrors() {
        assertEquals(2, run("connect", "--user", "alice", "--port", "http"));
        assertEquals(1, lines(err.text()), err.text());
        assertEquals(2, run());
        assertEquals(2, run("connect", "--user", "alice", "--server", "ftp://example.com", "--password", "x"));
        assertTrue(err.text().contains("http:// or https://"), err.text());
        assertEquals(2, run("connect", "--user", "alice", "--password", "x", "--history", "-1"));
        assertTrue(err.text().contains("--history must be between 0 and 200, got -1"), err.text());
    }

    @Test
    void withoutPasswordOrConsoleItAsksForOneInAUsageError() {
        assertEquals(2, run("connect", "--user", "alice"));
        assertEquals(1, lines(err.text()), err.text());
        assertTrue(err.text().contains("PARLEY_PASSWORD"), err.text());
    }

    @Test
    void unreachableServerExitsOneWithOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free now, and nothing listens once it is closed
        }
        assertEquals(1, run(Map.of("PARLEY_PASSWORD", "secret-password"), "connect", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--user", "alice"));
        assertEquals(1, lines(err.text()), err.text());
        assertTrue(err.text().contains("cannot reach"), err.text());
    }

    @Test
    void severalServersAreCheckedEachAndAgainstHostAndPort() {
        assertEquals(2, run("connect", "--user", "alice", "--password", "x", "--server",
                "http://127.0.0.1:9001,ftp://127.0.0.1:9002"));
        assertTrue(err.text().contains("ftp://127.0.0.1:9002"), err.text());
        assertEquals(2, run("connect", "--user", "alice", "--password", "x", "--server", "http://127.0.0.1:9001",
                "--server", "http://127.0.0.1:9001"));
        assertTrue(err.text().contains("given twice"), err.text());
        assertEquals(2, run("connect", "--user", "alice", "--password", "x", "--server", "http://127.0.0.1:9001",
                "--port", "9002"));
        assertTrue(err.text().contains("either --server or --host/--port"), err.text());
    }
}
