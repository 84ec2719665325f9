package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.client.it.Recorder;
import dev.parley.client.it.TestServer;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal client against a real server: as a separate process (the shaded jar) and in-process. */
class TerminalClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs {@code java -jar chat-client.jar args}, feeding {@code input} and closing it. */
    private static Run process(String input, Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("parley.client.jar", "target/chat-client.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by 'package' before the ITs run");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("PARLEY_PASSWORD");
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write(input);
        }
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chat-client did not exit within " + WAIT + "; output so far: " + out.getNow(""));
        }
        return new Run(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void pipedLinesAreSentInOrderAPmReachesTheOtherUserAndTheExitIsZero() throws Exception {
        Recorder daveSees = new Recorder();
        String dave = TestServer.name("dave");
        String carol = TestServer.name("carol");
        String side = TestServer.name("side");
        try (ChatClient d = server.user(dave, daveSees)) {
            d.login();
            d.createRoom(side, Visibility.PUBLIC);
            d.connect().get(10, TimeUnit.SECONDS);

            String input = "hello everyone\nsecond line\n/pm " + dave + " hi dave, from a pipe\n/join " + side
                    + "\nin the side room\n";
            Run run = process(input, Map.of("PARLEY_PASSWORD", TestServer.PASSWORD), "connect", "--server", server.url(),
                    "--room", "general", "--user", carol, "--register");
            assertEquals(0, run.exit(), run.err());

            daveSees.await("the direct message", WAIT, () -> daveSees.count(m -> m.kind() == MessageKind.PRIVATE) == 1);
            Message pm = daveSees.messages.stream().filter(m -> m.kind() == MessageKind.PRIVATE).findFirst().orElseThrow();
            assertEquals(carol, pm.from());
            assertEquals("hi dave, from a pipe", pm.text());

            d.join("general");
            List<String> general = d.history("general", PageRequest.latest(50)).messages().stream()
                    .filter(m -> m.from().equals(carol) && m.kind() == MessageKind.CHAT).map(Message::text).toList();
            assertEquals(List.of("hello everyone", "second line"), general);
            List<String> inSide = d.history(side, PageRequest.latest(50)).messages().stream()
                    .filter(m -> m.kind() == MessageKind.CHAT).map(Message::text).toList();
            assertEquals(List.of("in the side room"), inSide);
            assertTrue(run.out().matches("(?s).*\\[\\d\\d:\\d\\d] #general " + carol + ": hello everyone.*"), run.out());
        }
    }

    @Test
    void severalServersInOneOptionLetTheClientPassOverOneThatRefuses() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // nothing listens there once closed
        }
        String frank = TestServer.name("frank");
        Run run = process("through the second server\n", Map.of("PARLEY_PASSWORD", TestServer.PASSWORD), "connect",
                "--server", "http://127.0.0.1:" + dead + "," + server.url(), "--room", "general", "--user", frank,
                "--register");
        assertEquals(0, run.exit(), run.err());
        try (ChatClient reader = server.user(TestServer.name("reader"), new Recorder())) {
            reader.login();
            reader.join("general");
            assertTrue(reader.history("general", PageRequest.latest(50)).messages().stream()
                    .anyMatch(m -> m.from().equals(frank) && m.text().equals("through the second server")));
        }
    }

    @Test
    void aRegisteredAccountIsFineAndARefusedSendMakesTheExitNonZero() throws Exception {
        String erin = TestServer.name("erin");
        Map<String, String> env = Map.of("PARLEY_PASSWORD", TestServer.PASSWORD);
        assertEquals(0, process("", env, "connect", "--server", server.url(), "--user", erin, "--register").exit());
        Run again = process("x".repeat(4001) + "\nfine\n", env, "connect", "--server", server.url(), "--user", erin,
                "--register");
        assertEquals(1, again.exit(), again.err());
        assertTrue(again.err().contains("not sent to #general"), again.err());
        assertTrue(again.err().lines().anyMatch(l -> l.equals("! 1 message was not sent: #general \"" + "x".repeat(40) + "...\"")),
                again.err());
    }

    @Test
    void quitAfterRefusedSendsNamesEachOfThem() throws Exception {
        String fay = TestServer.name("fay");
        Run run = process("y".repeat(4001) + "\nfine\n" + "z".repeat(4001) + "\n/pm " + fay + " " + "w".repeat(4001)
                + "\n/quit\nafter quit\n", Map.of("PARLEY_PASSWORD", TestServer.PASSWORD), "connect", "--server", server.url(),
                "--user", fay, "--register", "--history", "0");
        assertEquals(1, run.exit(), run.err());
        List<String> err = run.err().lines().toList();
        int at = err.indexOf("! 3 messages were not sent:");
        assertTrue(at >= 0, run.err());
        assertEquals(List.of("!   #general \"" + "y".repeat(40) + "...\"", "!   #general \"" + "z".repeat(40) + "...\"",
                "!   to " + fay + " \"" + "w".repeat(40) + "...\""), err.subList(at + 1, at + 4));
        assertTrue(run.out().contains(fay + ": fine"), run.out());
        assertTrue(!run.out().contains("after quit"), run.out());
    }

    @Test
    void helpAndBadOptionsBehaveAsACliShould() throws Exception {
        Run help = process("", Map.of(), "connect", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: chat-client connect"), help.out());
        Run bad = process("", Map.of(), "connect", "--user", "x", "--frobnicate");
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--frobnicate"));
        Run noPassword = process("piped line\n", Map.of(), "connect", "--server", server.url(), "--user", "x");
        assertEquals(2, noPassword.exit());
        assertTrue(noPassword.err().contains("PARLEY_PASSWORD"), noPassword.err());
    }

    @Test
    void incomingMessagesPrintWithTimeSenderAndRoom(@TempDir Path dir) throws Exception {
        String frank = TestServer.name("frank");
        String gina = TestServer.name("gina");
        TerminalRun term = new TerminalRun(TestServer.PASSWORD);
        term.start("connect", "--server", server.url(), "--user", frank, "--register");
        try (ChatClient g = server.user(gina, new Recorder()); term) {
            term.out.await("^\\* connected to ", WAIT);
            g.login();
            g.join("general");
            g.connect().get(10, TimeUnit.SECONDS);
            term.out.await("^\\* " + gina + " joined #general$", WAIT);
            g.send("general", "hi frank").get(10, TimeUnit.SECONDS);
            term.out.await("^\\[\\d+] \\[\\d\\d:\\d\\d] #general " + gina + ": hi frank$", WAIT);
            g.sendDirect(frank, "psst").get(10, TimeUnit.SECONDS);
            term.out.await("^\\[\\d+] \\[\\d\\d:\\d\\d] \\(pm\\) " + gina + ": psst$", WAIT);

            Path file = dir.resolve("notes.txt");
            Files.writeString(file, "file body");
            term.type("/upload " + file + "\n/who\n/history 5\n");
            term.out.await("^\\* uploaded notes.txt \\(9 B\\), id ", WAIT);
            term.out.await("#general " + frank + " shared notes.txt \\(9 B, text/plain\\) - /download ", WAIT);
            term.out.await("^  " + gina + " \\(member, online\\)$", WAIT);
            String id = term.out.text().replaceAll("(?s).*uploaded notes.txt \\(9 B\\), id (\\S+).*", "$1");
            Path saved = dir.resolve("saved.txt");
            term.type("/download " + id + " " + saved + "\n/nonsense\n/quit\n");
            assertEquals(0, term.exitCode(WAIT), term.err.text());
            assertEquals("file body", Files.readString(saved));
            assertTrue(term.err.text().contains("unknown command /nonsense"), term.err.text());
        }
    }

    /**
     * Waits for a line matching {@code regex}, whose first group is the number printed beside a
     * message, and returns the number of the last such line.
     */
    private static String number(Output out, String regex) throws InterruptedException {
        out.await(regex, WAIT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.MULTILINE)
                .matcher(out.text());
        String n = null;
        while (m.find()) {
            n = m.group(1);
        }
        if (n == null) {
            throw new AssertionError("no line matching " + regex + " in:\n" + out.text());
        }
        return n;
    }

    @Test
    void messagesAreNumberedAndTheCommandsEditReactReplyAndDeleteWithTheChangesShownLive() throws Exception {
        String hal = TestServer.name("hal");
        String ida = TestServer.name("ida");
        String room = TestServer.name("numbers");
        TerminalRun term = new TerminalRun(TestServer.PASSWORD);
        Recorder idaSees = new Recorder();
        try (ChatClient i = server.user(ida, idaSees); term) {
            i.login();
            i.createRoom(room, Visibility.PUBLIC);
            i.connect().get(10, TimeUnit.SECONDS);
            i.subscribe(room).get(10, TimeUnit.SECONDS);
            term.start("connect", "--server", server.url(), "--user", hal, "--register", "--room", room);
            term.out.await("^\\* connected to ", WAIT);
            long hers = i.send(room, "lunch at noon?").get(10, TimeUnit.SECONDS).id().getAsLong();
            String q = number(term.out, "^\\[(\\d+)] \\[\\d\\d:\\d\\d] #" + room + " " + ida + ": lunch at noon\\?$");

            term.type("/react " + q + " 👍\nmy first line\n");
            term.out.await("^\\[" + q + "] \\[\\d\\d:\\d\\d] #" + room + " " + ida + ": lunch at noon\\?  👍 1$", WAIT);
            idaSees.await("hal's reaction", WAIT, () -> idaSees.updates.stream().anyMatch(u -> u.callback().equals("reaction")
                    && u.current().state().reactions().equals(List.of(new dev.parley.protocol.Reaction("👍", 1, false)))));
            String mine = number(term.out, "^\\[(\\d+)] \\[\\d\\d:\\d\\d] #" + room + " " + hal + ": my first line$");

            term.type("/edit " + mine + " my edited line\n/reply " + q + " sure\n/thread " + q + " where?\n");
            term.out.await("^\\[" + mine + "] \\[\\d\\d:\\d\\d] #" + room + " " + hal + ": my edited line \\(edited\\)$", WAIT);
            term.out.await("^    > \\[" + q + "] " + ida + ": lunch at noon\\?\\R\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " " + hal
                    + ": sure$", WAIT);
            term.out.await("^\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " \\(thread \\[" + q + "]\\) " + hal + ": where\\?$", WAIT);

            i.edit(room, hers, "lunch at one?").get(10, TimeUnit.SECONDS);
            term.out.await("^\\[" + q + "] \\[\\d\\d:\\d\\d] #" + room + " " + ida
                    + ": lunch at one\\? \\(edited\\)  👍 1  \\(1 reply\\)$", WAIT);

            term.type("/delete " + mine + "\n/unreact " + q + " 👍\n/unreact " + q + " 👍\n/edit " + q + " not mine\n/edit 9999 x\n/help\n");
            term.out.await("^\\[" + mine + "] \\[\\d\\d:\\d\\d] #" + room + " " + hal + ": \\(message deleted\\)$", WAIT);
            term.out.await("^\\[" + q + "] \\[\\d\\d:\\d\\d] #" + room + " " + ida
                    + ": lunch at one\\? \\(edited\\)  \\(1 reply\\)$", WAIT);
            term.out.await("^\\* nothing changed$", WAIT);
            term.out.await("^  /edit <n> <text> ", WAIT);
            term.type("/quit\n");
            assertEquals(1, term.exitCode(WAIT), "the refused edit makes the exit 1: " + term.err.text());
            assertTrue(term.err.text().contains("[" + q + "] not edited: "), term.err.text());
            assertTrue(term.err.text().contains("no message [9999] here"), term.err.text());
            assertTrue(i.message(room, hers).state().reactions().isEmpty());
        }
    }

    @Test
    void onConnectTheRoomsRecentHistoryPrintsInItsCurrentStateOnceBeforeTheLiveMessages() throws Exception {
        String jon = TestServer.name("jon");
        String kim = TestServer.name("kim");
        String room = TestServer.name("recent");
        TerminalRun term = new TerminalRun(TestServer.PASSWORD);
        try (ChatClient k = server.user(kim, new Recorder()); term) {
            k.login();
            k.createRoom(room, Visibility.PUBLIC);
            k.connect().get(10, TimeUnit.SECONDS);
            try (ChatClient j = server.user(jon, new Recorder())) { // a member already: no join line in the page
                j.login();
                j.join(room);
            }
            k.send(room, "too old to show").get(10, TimeUnit.SECONDS);
            long second = k.send(room, "second").get(10, TimeUnit.SECONDS).id().getAsLong();
            k.send(room, "third\nin two lines").get(10, TimeUnit.SECONDS);
            k.edit(room, second, "second, edited").get(10, TimeUnit.SECONDS);
            k.react(room, second, "🎉").get(10, TimeUnit.SECONDS);

            term.start("connect", "--server", server.url(), "--user", jon, "--register", "--room", room, "--history", "2");
            term.out.await("^\\* connected to ", WAIT);
            k.send(room, "live one").get(10, TimeUnit.SECONDS);
            term.out.await("^\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " " + kim + ": live one$", WAIT);
            term.type("/quit\n");
            assertEquals(0, term.exitCode(WAIT), term.err.text());

            String text = term.out.text();
            List<String> lines = text.lines().map(l -> l.replaceFirst("\\[\\d\\d:\\d\\d] ", "")).toList();
            String prefix = "#" + room + " " + kim + ": ";
            assertEquals(List.of(
                    "[1] " + prefix + "second, edited (edited)  🎉 1",
                    "[2] " + prefix + "third",
                    " ".repeat(("[2] [00:00] " + prefix).length()) + "in two lines"),
                    lines.subList(0, 3), text);
            assertTrue(lines.contains("[3] " + prefix + "live one"), text);
            assertTrue(!text.contains("too old to show"), text);
            for (String once : List.of("second, edited", "in two lines", "live one")) {
                assertEquals(1, text.split(java.util.regex.Pattern.quote(once), -1).length - 1, once + " once in:\n" + text);
            }
        }
    }
}
