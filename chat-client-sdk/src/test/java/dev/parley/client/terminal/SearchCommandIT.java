package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.client.it.Recorder;
import dev.parley.client.it.TestServer;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
        Output out = new Output();
        Output err = new Output();
        PipedOutputStream typing = new PipedOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(typing, 65536), StandardCharsets.UTF_8));
        Main.Terminal terminal = new Main.Terminal(in, out.stream, err.stream,
                Map.of("PARLEY_PASSWORD", TestServer.PASSWORD), prompt -> Optional.empty());
        try (ChatClient m = server.user(max, new Recorder());
             Writer keys = new OutputStreamWriter(typing, StandardCharsets.UTF_8)) {
            m.login();
            m.createRoom(room, Visibility.PUBLIC);
            m.connect().get(10, TimeUnit.SECONDS);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
                "connect", "--server", server.url(), "--user", lea, "--register", "--room", room, "--history", "0"}, terminal));
            out.await("^\\* connected to ", WAIT);
            m.send(room, "the Capybara report is due").get(10, TimeUnit.SECONDS);
            m.send(room, "capybaras everywhere").get(10, TimeUnit.SECONDS);
            m.send(room, "nothing to see").get(10, TimeUnit.SECONDS);
            out.await("nothing to see$", WAIT);

            keys.write("/search capy\n/search zzzqqq\n/search\n/quit\n");
            keys.flush();
            out.await("^\\* 2 matches for capy$", WAIT);
            out.await("^\\* 2 matches for capy\\R\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " " + max
                    + ": the Capybara report is due\\R\\[\\d+] \\[\\d\\d:\\d\\d] #" + room + " " + max
                    + ": capybaras everywhere$", WAIT);
            out.await("^\\* no message holds zzzqqq$", WAIT);
            assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.text());
            err.await("usage: /search <words>", WAIT);
        }
    }
}
