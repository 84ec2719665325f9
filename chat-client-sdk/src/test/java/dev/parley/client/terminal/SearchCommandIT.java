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

/** The terminal client's {@code /search}: matches print with their number, time, room and author. */
class SearchCommandIT {
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
    void searchPrintsTheMatchesWithRoomAndAuthorOldestFirst() throws Exception {
        String lea = TestServer.name("lea");
        String max = TestServer.name("max");
        String room = TestServer.name("finds");
        TerminalRun term = new TerminalRun(TestServer.PASSWORD);
        try (ChatClient m = server.user(max, new Recorder()); term) {
            m.login();
            m.createRoom(room, Visibility.PUBLIC);
            m.connect().get(10, TimeUnit.SECONDS);
            term.start("connect", "--server", server.url(), "--user", lea, "--register", "--room", room, "--history", "0");
            term.out.await("^\\* connected to ", WAIT);
            m.send(room, "the Capybara report is due").get(10, TimeUnit.SECONDS);
            m.send(room, "capybaras everywhere").get(10, TimeUnit.SECONDS);
            m.send(room, "nothing to see").get(10, TimeUnit.SECONDS);
            term.out.await("nothing to see$", WAIT);

            term.type("/search capy\n/search zzzqqq\n/search\n/quit\n");
            term.out.await("^\\* 2 matches for capy$", WAIT);
            term.out.await("^\\* 2 matches for capy\\R\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " " + max
                    + ": the Capybara report is due\\R\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " " + max
                    + ": capybaras everywhere$", WAIT);
            term.out.await("^\\* no message holds zzzqqq$", WAIT);
            assertEquals(0, term.exitCode(WAIT), term.err.text());
            term.err.await("usage: /search <words>", WAIT);
        }
    }
}
