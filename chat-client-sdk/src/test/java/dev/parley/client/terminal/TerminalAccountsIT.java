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

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
        TerminalRun term = new TerminalRun(TestServer.PASSWORD);
        try (ChatClient l = server.user(lee, new Recorder()); term) {
            l.login();
            l.setDisplayName(Optional.of("Lee Marvin"));
            l.createRoom(room, Visibility.PUBLIC);
            l.connect().get(10, TimeUnit.SECONDS);
            term.start("connect", "--server", server.url(), "--user", kim, "--register", "--room", room);
            term.out.await("^\\* connected to ", WAIT);

            l.send(room, "hello there").get(10, TimeUnit.SECONDS);
            term.out.await("#" + room + " Lee Marvin \\(@" + lee + "\\): hello there$", WAIT);

            term.type("/nick  Kim Novak \n/who\n");
            term.out.await("^\\* you are shown as Kim Novak$", WAIT);
            term.out.await("^  Kim Novak \\(@" + kim + "\\) \\(member", WAIT);
            assertEquals(Optional.of("Kim Novak"), l.user(kim).displayName());

            term.type("/block " + lee + "\n/blocks\n");
            term.out.await("^\\* blocked " + lee, WAIT);
            term.out.await("^  Lee Marvin \\(@" + lee + "\\)$", WAIT);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> l.sendDirect(kim, "let me in").get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.FORBIDDEN, assertInstanceOf(ChatClientException.class, refused.getCause()).code());

            term.type("/unblock " + lee + "\n/block nobody-at-all\n/password\n" + TestServer.PASSWORD + "\nkim-new-secret\n");
            term.out.await("^\\* unblocked " + lee, WAIT);
            term.err.await("nobody-at-all", WAIT);
            term.out.await("^\\* password changed for " + kim, WAIT);
            assertTrue(l.sendDirect(kim, "thanks").get(10, TimeUnit.SECONDS).id().isPresent());
            assertTrue(!term.out.text().contains("kim-new-secret") && !term.err.text().contains("kim-new-secret"),
                    "the password is not echoed by the client");

            term.type("/nick\nstill here\n/quit\n");
            term.out.await("^\\* your display name is cleared$", WAIT);
            assertEquals(0, term.exitCode(WAIT), term.err.text());
            assertEquals(Optional.empty(), l.user(kim).displayName());
            assertEquals(List.of(), l.blocks().stream().map(UserProfile::username).toList());
        }
        try (ChatClient again = TestServer.client(server.url()).credentials(kim, "kim-new-secret").build()) {
            assertEquals(kim, again.login().user().username(), "the new password holds");
        }
    }
}
