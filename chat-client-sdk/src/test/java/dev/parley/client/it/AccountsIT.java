package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Member;
import dev.parley.protocol.UserProfile;
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

/** The SDK's account calls against a real server: display name, password change, blocks. */
class AccountsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
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
    void setDisplayNameIsSeenByOthersAndClearedWithEmpty() {
        String name = TestServer.name("nick");
        try (ChatClient c = server.user(name, new Recorder()); ChatClient other = server.user(TestServer.name("peer"), new Recorder())) {
            assertEquals(Optional.of("Nicholas"), c.setDisplayName(Optional.of(" Nicholas ")).displayName());
            assertEquals(Optional.of("Nicholas"), c.me().displayName());
            assertEquals(Optional.of("Nicholas"), other.user(name).displayName());
            c.join("general");
            Member me = c.members("general").stream().filter(m -> m.username().equals(name)).findFirst().orElseThrow();
            assertEquals(Optional.of("Nicholas"), me.displayName());
            ChatClientException tooLong = assertThrows(ChatClientException.class,
                    () -> c.setDisplayName(Optional.of("n".repeat(65))));
            assertEquals(ErrorCode.BAD_REQUEST, tooLong.code());
            assertEquals(Optional.of("Nicholas"), c.me().displayName(), "a refusal changes nothing");
            assertEquals(Optional.empty(), c.setDisplayName(Optional.empty()).displayName());
            assertEquals(Optional.empty(), other.user(name).displayName());
        }
    }

    @Test
    void changePasswordKeepsThisClientAndClosesAnotherClientsSession() throws Exception {
        String name = TestServer.name("pw");
        Recorder otherEvents = new Recorder();
        try (ChatClient c = server.user(name, new Recorder())) {
            c.login();
            String otherToken;
            try (ChatClient probe = TestServer.client(server.url()).credentials(name, TestServer.PASSWORD).build()) {
                otherToken = probe.login().token();
            }
            try (ChatClient other = TestServer.client(server.url()).token(otherToken).listener(otherEvents).build()) {
                other.connect().get(10, TimeUnit.SECONDS);
                c.connect().get(10, TimeUnit.SECONDS);
                c.changePassword(TestServer.PASSWORD, "a-whole-new-secret");
                Recorder.State closed = otherEvents.awaitState(ConnectionState.CLOSED, WAIT);
                assertTrue(closed.reason().startsWith("token refused"), closed.reason());
                assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatClientException.class, other::me).code());
            }
            assertEquals(name, c.me().username(), "this client's token stays valid");
            assertEquals(ConnectionState.CONNECTED, c.state().orElseThrow());
            ChatClientException wrong = assertThrows(ChatClientException.class,
                    () -> c.changePassword("not-the-password", "another-new-secret"));
            assertEquals(ErrorCode.FORBIDDEN, wrong.code());
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatClientException.class,
                    () -> c.changePassword("a-whole-new-secret", "short")).code());
            assertEquals(name, c.login().user().username(), "the client logs in with the new password now");
        }
        try (ChatClient fresh = TestServer.client(server.url()).credentials(name, "a-whole-new-secret").build()) {
            assertEquals(name, fresh.login().user().username());
        }
    }

    @Test
    void blockRefusesTheBlockedUsersDirectMessagesOverRestAndTheSocket() throws Exception {
        String blocker = TestServer.name("blocker");
        String blocked = TestServer.name("blocked");
        try (ChatClient a = server.user(blocker, new Recorder()); ChatClient b = server.user(blocked, new Recorder())) {
            a.block(blocked);
            assertEquals(List.of(blocked), a.blocks().stream().map(UserProfile::username).toList());
            b.connect().get(10, TimeUnit.SECONDS);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> b.sendDirect(blocker, "hello?").get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.FORBIDDEN, assertInstanceOf(ChatClientException.class, refused.getCause()).code());
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class, () -> a.block("nobody-here")).code());
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatClientException.class, () -> a.block(blocker)).code());
            a.unblock(blocked);
            assertEquals(List.of(), a.blocks());
            assertTrue(b.sendDirect(blocker, "hello again").get(10, TimeUnit.SECONDS).id().isPresent());
        }
    }
}
