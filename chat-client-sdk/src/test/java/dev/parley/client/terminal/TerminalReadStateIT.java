package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.client.it.Recorder;
import dev.parley.client.it.TestServer;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Read state in the terminal client: the current room marked read as it is printed, a mention of
 * the user marked with {@code >>} (no colour through a pipe), a line for a mention in a room the
 * client does not follow, and the unread and mention counts in {@code /rooms}.
 */
class TerminalReadStateIT {
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

    @Test
    void theCurrentRoomIsReadAsPrintedAndMentionsStandOut() throws Exception {
        String lea = TestServer.name("lea");
        String max = TestServer.name("max");
        String alpha = TestServer.name("alpha");
        String beta = TestServer.name("beta");
        TerminalRun term = new TerminalRun(TestServer.PASSWORD);
        Output out = term.out;
        Recorder maxSees = new Recorder();
        try (ChatClient m = server.user(max, maxSees);
             ChatClient leaRest = server.user(lea, new Recorder());
             term) {
            m.login();
            m.createRoom(alpha, Visibility.PUBLIC);
            m.createRoom(beta, Visibility.PUBLIC);
            leaRest.login();
            leaRest.join(alpha);
            leaRest.join(beta);
            m.connect().get(10, TimeUnit.SECONDS);
            m.subscribe(alpha).get(10, TimeUnit.SECONDS);
            long early = m.send(alpha, "before lea came").get(10, TimeUnit.SECONDS).seq().getAsLong();

            term.start("connect", "--server", server.url(), "--user", lea, "--room", alpha);
            out.await("^\\* connected to ", WAIT);
            out.await("#" + alpha + " " + max + ": before lea came$", WAIT);
            maxSees.await("lea's marker at the history's end", WAIT, () -> maxSees.reads.stream()
                    .anyMatch(r -> r.startsWith(alpha + " " + lea + " ") && Long.parseLong(r.split(" ")[2]) >= early));

            m.send(beta, "hello beta").get(10, TimeUnit.SECONDS);
            m.send(beta, "@" + lea + " over here").get(10, TimeUnit.SECONDS);
            out.await("^\\* " + max + " mentioned you in #" + beta + ": @" + lea + " over here$", WAIT);
            long live = m.send(alpha, "hey @" + lea + " in alpha").get(10, TimeUnit.SECONDS).seq().getAsLong();
            out.await("^>> \\[\\d+] \\[\\d\\d:\\d\\d] #" + alpha + " " + max + ": hey @" + lea + " in alpha$", WAIT);
            maxSees.await("lea's marker at the live message", WAIT, () -> maxSees.reads.contains(alpha + " " + lea + " " + live));
            long lastLine = m.send(alpha, "no mention").get(10, TimeUnit.SECONDS).seq().getAsLong();
            out.await("^\\[\\d+] \\[\\d\\d:\\d\\d] #" + alpha + " " + max + ": no mention$", WAIT);
            // Marks go within ReadMarks.EVERY_MS of the line: /rooms after it shows alpha read.
            maxSees.await("lea's marker at the last line", WAIT, () -> maxSees.reads.contains(alpha + " " + lea + " " + lastLine));

            term.type("/rooms\n");
            out.await("^  #" + beta + " public, member, 2 unread \\(1 mention\\)$", WAIT);
            out.await("^  #" + alpha + " public, member, current$", WAIT);
            term.type("/quit\n");
            assertEquals(0, term.exitCode(WAIT), term.err.text());
            assertEquals(lastLine, leaRest.reads(alpha).stream().filter(r -> r.username().equals(lea)).findFirst()
                    .orElseThrow().lastReadSeq(), "read up to the last line printed, sent before exiting");
            assertEquals(0, leaRest.reads(beta).stream().filter(r -> r.username().equals(lea)).findFirst()
                    .orElseThrow().lastReadSeq(), "a room not looked at stays unread");
            assertEquals("", term.err.text());
        }
    }
}
