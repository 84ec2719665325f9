package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.it.Recorder;
import dev.parley.client.it.TestServer;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.UserProfile;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal client's account commands against a real server: /nick, /password, /block, /unblock. */
class TerminalAccountsIT {
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
    void nickPasswordBlockAndUnblockActAndDisplayNamesAreShown() throws Exception {
        String kim = TestServer.name("kim");
        String lee = TestServer.name("lee");
        String room = TestServer.name("names");
        Output out = new Output();
        Output err = new Output();
        PipedOutputStream typing = new PipedOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(typing, 65536), StandardCharsets.UTF_8));
        Main.Terminal terminal = new Main.Terminal(in, out.stream, err.stream,
                Map.of("PARLEY_PASSWORD", TestServer.PASSWORD), prompt -> Optional.empty());
        try (ChatClient l = server.user(lee, new Recorder());
             Writer keys = new OutputStreamWriter(typing, StandardCharsets.UTF_8)) {
            l.login();
            l.setDisplayName(Optional.of("Lee Marvin"));
            l.createRoom(room, Visibility.PUBLIC);
            l.connect().get(10, TimeUnit.SECONDS);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
                "connect", "--server", server.url(), "--user", kim, "--register", "--room", room}, terminal));
            out.await("^\\* connected to ", WAIT);

            l.send(room, "hello there").get(10, TimeUnit.SECONDS);
            out.await("#" + room + " Lee Marvin \\(@" + lee + "\\): hello there$", WAIT);

            keys.write("/nick  Kim Novak \n/who\n");
            keys.flush();
            out.await("^\\* you are shown as Kim Novak$", WAIT);
            out.await("^  Kim Novak \\(@" + kim + "\\) \\(member", WAIT);
            assertEquals(Optional.of("Kim Novak"), l.user(kim).displayName());

            keys.write("/block " + lee + "\n/blocks\n");
            keys.flush();
            out.await("^\\* blocked " + lee, WAIT);
            out.await("^  Lee Marvin \\(@" + lee + "\\)$", WAIT);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> l.sendDirect(kim, "let me in").get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.FORBIDDEN, assertInstanceOf(ChatClientException.class, refused.getCause()).code());

            keys.write("/unblock " + lee + "\n/block nobody-at-all\n/password\n" + TestServer.PASSWORD + "\nkim-new-secret\n");
            keys.flush();
            out.await("^\\* unblocked " + lee, WAIT);
            err.await("nobody-at-all", WAIT);
            out.await("^\\* password changed for " + kim, WAIT);
            assertTrue(l.sendDirect(kim, "thanks").get(10, TimeUnit.SECONDS).id().isPresent());
            assertTrue(!out.text().contains("kim-new-secret") && !err.text().contains("kim-new-secret"),
                    "the password is not echoed by the client");

            keys.write("/nick\nstill here\n/quit\n");
            keys.flush();
            out.await("^\\* your display name is cleared$", WAIT);
            assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.text());
            assertEquals(Optional.empty(), l.user(kim).displayName());
            assertEquals(List.of(), l.blocks().stream().map(UserProfile::username).toList());
        }
        try (ChatClient again = TestServer.client(server.url()).credentials(kim, "kim-new-secret").build()) {
            assertEquals(kim, again.login().user().username(), "the new password holds");
        }
    }
}
