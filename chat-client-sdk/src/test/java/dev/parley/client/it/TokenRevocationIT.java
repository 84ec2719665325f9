package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token revoked elsewhere ends the session with the reason, or is replaced once when credentials allow. */
class TokenRevocationIT {
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

    private static String tokenOf(String name) {
        try (ChatClient c = server.user(name, new Recorder())) {
            return c.login().token();
        }
    }

    @Test
    void logoutFromAnotherClientWithTheSameTokenEndsInClosedWithTheReason() throws Exception {
        String token = tokenOf(TestServer.name("revoked"));
        Recorder r = new Recorder();
        try (ChatClient live = TestServer.client(server.url()).token(token).listener(r).build();
             ChatClient other = TestServer.client(server.url()).token(token).build()) {
            live.connect().get(10, TimeUnit.SECONDS);
            other.logout();
            Recorder.State closed = r.awaitState(ConnectionState.CLOSED, WAIT);
            assertTrue(closed.reason().startsWith("token refused"), closed.reason());
            assertEquals(ConnectionState.CLOSED, live.state().orElseThrow());
            ExecutionException late = assertThrows(ExecutionException.class,
                    () -> live.send("general", "hello?").get(5, TimeUnit.SECONDS));
            assertEquals(ErrorCode.UNAVAILABLE, ((ChatClientException) late.getCause()).code());
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatClientException.class, live::rooms).code());
            assertEquals(3, r.states.size(), "CONNECTING, CONNECTED, then CLOSED only: " + r.states);
        }
    }

    @Test
    void revokedTokenOnARestCallClosesTheLiveSession() throws Exception {
        String token = tokenOf(TestServer.name("restrev"));
        Recorder r = new Recorder();
        try (ChatClient live = TestServer.client(server.url()).token(token).listener(r).build()) {
            live.connect().get(10, TimeUnit.SECONDS);
            try (ChatClient other = TestServer.client(server.url()).token(token).build()) {
                other.logout();
            }
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatClientException.class, live::me).code());
            Recorder.State closed = r.awaitState(ConnectionState.CLOSED, WAIT);
            assertTrue(closed.reason().startsWith("token refused"), closed.reason());
        }
    }

    @Test
    void restCallWithARevokedTokenLogsInAgainWhenCredentialsAllow() {
        String name = TestServer.name("restrelogin");
        try (ChatClient c = server.user(name, new Recorder())) {
            String first = c.login().token();
            try (ChatClient other = TestServer.client(server.url()).token(first).build()) {
                other.logout();
            }
            assertEquals(name, c.me().username());
            assertNotEquals(first, c.token().orElseThrow());
        }
    }

    @Test
    void withCredentialsTheClientLogsInAgainAndCarriesOn() throws Exception {
        String name = TestServer.name("relogin");
        Recorder r = new Recorder();
        try (ChatClient live = server.user(name, r)) {
            live.connect().get(10, TimeUnit.SECONDS);
            String first = live.token().orElseThrow();
            try (ChatClient other = TestServer.client(server.url()).token(first).build()) {
                other.logout();
            }
            r.await("connected again", WAIT, () -> r.states.stream()
                    .filter(s -> s.state() == ConnectionState.CONNECTED).count() == 2);
            assertNotEquals(first, live.token().orElseThrow());
            live.join("general");
            assertTrue(live.send("general", "still here").get(10, TimeUnit.SECONDS).id().getAsLong() > 0);
            assertTrue(r.states.stream().noneMatch(s -> s.state() == ConnectionState.CLOSED), r.states.toString());
        }
    }
}
